/**
 * The signaling protocol between browsers (and later the phone gateway) and the SFU.
 *
 * Three socket.io events carry everything:
 *  - `request`       client → server, with an ack carrying a {@link Response}
 *  - `notification`  server → client, fire and forget
 *  - `serverRequest` server → client, with an ack (the client answers when ready)
 * Each is one discriminated union on `method`; the payload of every method is a zod
 * schema here, and TypeScript types are inferred from the schemas.
 */
import { z } from "zod";
import {
  ChatMessageSchema,
  ChatTextSchema,
  LobbyEntrySchema,
  MutableSourceSchema,
  NotesUpdateSchema,
  ReactionSchema,
} from "./collaboration";
import {
  DtlsParametersSchema,
  IdSchema,
  MediaKindSchema,
  RtpCapabilitiesSchema,
  RtpParametersSchema,
  TransportOptionsSchema,
} from "./mediasoup";

/** Limits shared by server-side validation and client-side forms. */
export const LIMITS = {
  displayNameMax: 64,
  slugMax: 64,
  /** Largest socket.io message the SFU accepts (bytes). */
  maxMessageBytes: 64 * 1024,
} as const;

export const SlugSchema = z
  .string()
  .min(1)
  .max(LIMITS.slugMax)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "lowercase letters, digits and inner dashes only");

export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1, "enter a name")
  .max(LIMITS.displayNameMax)
  // No control characters: names are shown in other people's UI.
  .regex(/^[^\p{Cc}]*$/u, "control characters are not allowed");

/** What a producer carries, as the user understands it. */
export const SourceSchema = z.enum(["mic", "camera", "screen", "screen-audio"]);
export type Source = z.infer<typeof SourceSchema>;

export const ProducerInfoSchema = z.object({
  id: IdSchema,
  kind: MediaKindSchema,
  source: SourceSchema,
  paused: z.boolean(),
});
export type ProducerInfo = z.infer<typeof ProducerInfoSchema>;

/**
 * Who a connection joins as: a browser; a phone caller bridged by the gateway (sends
 * G.711 over a plain RTP transport); or the gateway's hidden listener that receives the
 * room's audio once for all of its phone legs. Only the gateway may join as the latter two.
 */
export const ParticipantKindSchema = z.enum(["browser", "phone", "listener"]);
export type ParticipantKind = z.infer<typeof ParticipantKindSchema>;

export const PeerInfoSchema = z.object({
  id: IdSchema,
  displayName: DisplayNameSchema,
  role: z.enum(["moderator", "guest"]),
  kind: z.enum(["browser", "phone"]).default("browser"),
  joinedAt: z.number().int(),
  producers: z.array(ProducerInfoSchema),
  /** When the hand went up (server clock, ms), null when down; order = speaking order. */
  handRaisedAt: z.number().int().nullable().default(null),
});
export type PeerInfo = z.infer<typeof PeerInfoSchema>;

/** Who to call: a phone number (through a trunk) or a SIP URI. */
export const PhoneTargetSchema = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .regex(/^(sips?:[^\s<>"]+|\+?[0-9*#]{2,32})$/, "a phone number or a SIP URI");

export const PhoneCallSchema = z.object({
  callId: z.string().min(1).max(256),
  /** Who is called, masked for display. */
  to: z.string().max(64),
  state: z.enum(["ringing", "answered", "busy", "failed", "ended"]),
  /** Why it failed or ended, in plain words. */
  reason: z.string().max(200).optional(),
});
export type PhoneCall = z.infer<typeof PhoneCallSchema>;

// ---------------------------------------------------------------------------
// Client → server requests: one entry per method, request and response schema.

export const requestSchemas = {
  /** Router RTP capabilities, room-independent: lets the client load its Device early. */
  getRouterRtpCapabilities: {
    data: z.object({}),
    response: z.object({ routerRtpCapabilities: RtpCapabilitiesSchema }),
  },
  /** Join a room: one round trip returns everything needed to send and receive. */
  join: {
    data: z.object({
      room: SlugSchema,
      displayName: DisplayNameSchema,
      rtpCapabilities: RtpCapabilitiesSchema,
      /** A signed join token (JWT); required for token-only rooms, grants the role. */
      token: z.string().min(1).max(4096).optional(),
      /**
       * Coming back after a dropped connection: the previous peer id and the key the
       * server gave at join. The same identity and role are restored (and a ghost of the
       * old connection is replaced); the lobby is skipped.
       */
      rejoin: z.object({ peerId: IdSchema, key: z.string().min(16).max(128) }).optional(),
      as: ParticipantKindSchema.default("browser"),
    }),
    response: z.object({
      peerId: IdSchema,
      /** The name others see (a token may fix it). */
      displayName: DisplayNameSchema,
      role: z.enum(["moderator", "guest"]),
      roomName: z.string(),
      routerRtpCapabilities: RtpCapabilitiesSchema,
      /** WebRTC transports; null for phone and listener participants (they use plain RTP). */
      sendTransport: TransportOptionsSchema.nullable(),
      recvTransport: TransportOptionsSchema.nullable(),
      peers: z.array(PeerInfoSchema),
      /** Secret for `rejoin` after a dropped connection. */
      rejoinKey: z.string(),
      locked: z.boolean(),
      /** Our own raised hand, if restored by a rejoin. */
      handRaisedAt: z.number().int().nullable(),
      /** The room's chat so far (oldest first). */
      chat: z.array(ChatMessageSchema),
      /** People waiting in the lobby (moderators only; empty for guests). */
      lobby: z.array(LobbyEntrySchema),
    }),
  },
  connectTransport: {
    data: z.object({ transportId: IdSchema, dtlsParameters: DtlsParametersSchema }),
    response: z.object({}),
  },
  restartIce: {
    data: z.object({ transportId: IdSchema }),
    response: z.object({
      iceParameters: TransportOptionsSchema.shape.iceParameters,
    }),
  },
  produce: {
    data: z.object({
      transportId: IdSchema,
      kind: MediaKindSchema,
      rtpParameters: RtpParametersSchema,
      source: SourceSchema,
      paused: z.boolean().default(false),
    }),
    response: z.object({ producerId: IdSchema }),
  },
  closeProducer: { data: z.object({ producerId: IdSchema }), response: z.object({}) },
  pauseProducer: { data: z.object({ producerId: IdSchema }), response: z.object({}) },
  resumeProducer: { data: z.object({ producerId: IdSchema }), response: z.object({}) },
  pauseConsumer: { data: z.object({ consumerId: IdSchema }), response: z.object({}) },
  resumeConsumer: { data: z.object({ consumerId: IdSchema }), response: z.object({}) },
  setConsumerPreferredLayers: {
    data: z.object({
      consumerId: IdSchema,
      spatialLayer: z.number().int().min(0).max(3),
      temporalLayer: z.number().int().min(0).max(3).optional(),
    }),
    response: z.object({}),
  },
  leave: { data: z.object({}), response: z.object({}) },
  /**
   * Gateway only: a plain RTP transport (rtcp-mux, no SRTP) to or from `ip:port`. A phone
   * participant sends its G.711 on a "send" one; the listener receives on a "recv" one.
   */
  createPlainTransport: {
    data: z.object({
      direction: z.enum(["send", "recv"]),
      ip: z.ipv4(),
      port: z.number().int().min(1).max(65535),
    }),
    response: z.object({ transportId: IdSchema, ip: z.string(), port: z.number().int() }),
  },

  // Collaboration -----------------------------------------------------------
  sendChat: {
    data: z.object({ text: ChatTextSchema }),
    response: z.object({ message: ChatMessageSchema }),
  },
  setHand: { data: z.object({ raised: z.boolean() }), response: z.object({}) },
  react: { data: z.object({ reaction: ReactionSchema }), response: z.object({}) },
  /** The shared notes' full Yjs state. */
  getNotes: { data: z.object({}), response: z.object({ state: z.string() }) },
  updateNotes: { data: z.object({ update: NotesUpdateSchema }), response: z.object({}) },

  // Moderation (moderators only; others get FORBIDDEN) ----------------------
  muteParticipant: {
    data: z.object({ peerId: IdSchema, source: MutableSourceSchema }),
    response: z.object({}),
  },
  /** Mutes every microphone but the caller's. */
  muteAll: { data: z.object({}), response: z.object({ muted: z.number().int() }) },
  removeParticipant: { data: z.object({ peerId: IdSchema }), response: z.object({}) },
  setRoomLocked: { data: z.object({ locked: z.boolean() }), response: z.object({}) },
  /** Ends the meeting for everyone. */
  endRoom: { data: z.object({}), response: z.object({}) },
  /** Moderators: call a phone into this room through the gateway. */
  dialOut: {
    data: z.object({ to: PhoneTargetSchema }),
    response: z.object({ callId: z.string() }),
  },
  /** Gateway listener only: progress of a phone call into this room. */
  reportCall: { data: PhoneCallSchema, response: z.object({}) },
  admitFromLobby: { data: z.object({ lobbyId: IdSchema }), response: z.object({}) },
  denyFromLobby: { data: z.object({ lobbyId: IdSchema }), response: z.object({}) },
} as const;

export type RequestMethod = keyof typeof requestSchemas;
export type RequestData<M extends RequestMethod> = z.input<(typeof requestSchemas)[M]["data"]>;
export type ParsedRequestData<M extends RequestMethod> = z.output<
  (typeof requestSchemas)[M]["data"]
>;
export type ResponseData<M extends RequestMethod> = z.infer<(typeof requestSchemas)[M]["response"]>;

type RequestVariant<M extends RequestMethod> = z.ZodObject<{
  method: z.ZodLiteral<M>;
  data: (typeof requestSchemas)[M]["data"];
}>;

function requestVariant<M extends RequestMethod>(method: M): RequestVariant<M> {
  return z.object({
    method: z.literal(method),
    data: requestSchemas[method].data,
  }) as RequestVariant<M>;
}

export const ClientRequestSchema = z.discriminatedUnion("method", [
  requestVariant("getRouterRtpCapabilities"),
  requestVariant("join"),
  requestVariant("connectTransport"),
  requestVariant("restartIce"),
  requestVariant("produce"),
  requestVariant("closeProducer"),
  requestVariant("pauseProducer"),
  requestVariant("resumeProducer"),
  requestVariant("pauseConsumer"),
  requestVariant("resumeConsumer"),
  requestVariant("setConsumerPreferredLayers"),
  requestVariant("leave"),
  requestVariant("createPlainTransport"),
  requestVariant("sendChat"),
  requestVariant("setHand"),
  requestVariant("react"),
  requestVariant("getNotes"),
  requestVariant("updateNotes"),
  requestVariant("muteParticipant"),
  requestVariant("muteAll"),
  requestVariant("removeParticipant"),
  requestVariant("setRoomLocked"),
  requestVariant("endRoom"),
  requestVariant("dialOut"),
  requestVariant("reportCall"),
  requestVariant("admitFromLobby"),
  requestVariant("denyFromLobby"),
]);
export type ClientRequest = z.output<typeof ClientRequestSchema>;

// ---------------------------------------------------------------------------
// Responses and typed errors.

export const ErrorCodeSchema = z.enum([
  /** The message did not match the protocol; `issues` says where. */
  "INVALID_REQUEST",
  /** The request needs a joined peer. */
  "NOT_JOINED",
  "ALREADY_JOINED",
  "ROOM_NOT_FOUND",
  "ROOM_LOCKED",
  "ROOM_FULL",
  /** The room admits only holders of a join token. */
  "TOKEN_REQUIRED",
  /** The token is malformed, forged, or for another room. */
  "TOKEN_INVALID",
  "TOKEN_EXPIRED",
  /** The action needs a moderator. */
  "FORBIDDEN",
  /** A moderator turned this joiner away at the lobby. */
  "LOBBY_DENIED",
  /** Too many messages too fast. */
  "RATE_LIMITED",
  /** The phone gateway is not configured or not reachable. */
  "GATEWAY_UNAVAILABLE",
  /** A transport, producer or consumer id that is not this peer's. */
  "NOT_FOUND",
  /** The SFU could not do it (mediasoup refused, e.g. unsupported codec). */
  "MEDIA_ERROR",
  "INTERNAL",
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ProtocolErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ProtocolError = z.infer<typeof ProtocolErrorSchema>;

export type Response<M extends RequestMethod = RequestMethod> =
  | { ok: true; data: ResponseData<M> }
  | { ok: false; error: ProtocolError };

// ---------------------------------------------------------------------------
// Server → client notifications.

export const NotificationSchema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("peerJoined"), data: PeerInfoSchema }),
  z.object({ method: z.literal("peerLeft"), data: z.object({ peerId: IdSchema }) }),
  z.object({
    method: z.literal("producerPaused"),
    data: z.object({ peerId: IdSchema, producerId: IdSchema, paused: z.boolean() }),
  }),
  z.object({
    method: z.literal("consumerClosed"),
    data: z.object({ consumerId: IdSchema }),
  }),
  z.object({
    method: z.literal("consumerLayersChanged"),
    data: z.object({
      consumerId: IdSchema,
      spatialLayer: z.number().int().nullable(),
      temporalLayer: z.number().int().nullable(),
    }),
  }),
  z.object({
    method: z.literal("activeSpeaker"),
    data: z.object({ peerId: IdSchema.nullable() }),
  }),
  z.object({
    method: z.literal("roomClosed"),
    data: z.object({ reason: z.string() }),
  }),
  /** This peer was removed from the room (by an admin or a moderator). */
  z.object({
    method: z.literal("removed"),
    data: z.object({ reason: z.string() }),
  }),
  /** One of this peer's own producers was paused by someone else. */
  z.object({
    method: z.literal("mutedByModerator"),
    data: z.object({ producerId: IdSchema, source: SourceSchema }),
  }),
  z.object({ method: z.literal("chatMessage"), data: z.object({ message: ChatMessageSchema }) }),
  z.object({
    method: z.literal("handChanged"),
    data: z.object({ peerId: IdSchema, raisedAt: z.number().int().nullable() }),
  }),
  z.object({
    method: z.literal("reaction"),
    data: z.object({ peerId: IdSchema, reaction: ReactionSchema }),
  }),
  z.object({
    method: z.literal("roomLockChanged"),
    data: z.object({ locked: z.boolean(), by: z.string() }),
  }),
  /** To moderators: who waits in the lobby now. */
  z.object({
    method: z.literal("lobbyChanged"),
    data: z.object({ waiting: z.array(LobbyEntrySchema) }),
  }),
  /** To a joiner: you are in the lobby; the join answer comes when a moderator decides. */
  z.object({ method: z.literal("lobbyWaiting"), data: z.object({ lobbyId: IdSchema }) }),
  z.object({ method: z.literal("notesUpdate"), data: z.object({ update: z.string() }) }),
  /** A phone call into the room changed state (ringing, answered, busy, failed, ended). */
  z.object({ method: z.literal("phoneCall"), data: PhoneCallSchema }),
]);
export type Notification = z.infer<typeof NotificationSchema>;
export type NotificationMethod = Notification["method"];
export type NotificationData<M extends NotificationMethod> = Extract<
  Notification,
  { method: M }
>["data"];

// ---------------------------------------------------------------------------
// Server → client requests (acknowledged by the client).

export const NewConsumerSchema = z.object({
  peerId: IdSchema,
  producerId: IdSchema,
  consumerId: IdSchema,
  kind: MediaKindSchema,
  source: SourceSchema,
  rtpParameters: RtpParametersSchema,
  producerPaused: z.boolean(),
});
export type NewConsumer = z.infer<typeof NewConsumerSchema>;

export const ServerRequestSchema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("newConsumer"), data: NewConsumerSchema }),
]);
export type ServerRequest = z.infer<typeof ServerRequestSchema>;
/** The client's answer to a server request. */
export const ServerRequestAckSchema = z.object({ ok: z.boolean() });
export type ServerRequestAck = z.infer<typeof ServerRequestAckSchema>;

/** socket.io event names. */
export const EVENTS = {
  request: "request",
  notification: "notification",
  serverRequest: "serverRequest",
} as const;

/** Typed socket.io event maps (for `Server<…>` and `Socket<…>` generics). */
export interface ServerToClientEvents {
  notification: (n: Notification) => void;
  serverRequest: (r: ServerRequest, ack: (a: ServerRequestAck) => void) => void;
}
export interface ClientToServerEvents {
  request: (r: ClientRequest, ack: (res: Response) => void) => void;
}
