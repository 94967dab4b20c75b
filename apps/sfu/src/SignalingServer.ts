import { randomUUID, timingSafeEqual } from "node:crypto";
import {
  type ClientRequest,
  type ClientToServerEvents,
  LIMITS,
  type ProtocolError,
  parseClientRequest,
  type Response,
  ServerRequestAckSchema,
  type ServerToClientEvents,
} from "@switchboard/protocol";
import type { types } from "mediasoup";
import type { Server, Socket } from "socket.io";
import { SignalingError } from "./errors";
import type { GatewayControl } from "./GatewayControl";
import type { Logger } from "./logger";
import type { PeerChannel } from "./Peer";
import { PEER_KINDS } from "./PeerKind";
import type { Room } from "./Room";
import type { RoomRegistry } from "./RoomRegistry";

type SfuSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** How long a client has to set up a consumer before the server gives up on it. */
const SERVER_REQUEST_TIMEOUT_MS = 10_000;

/** Per-connection state: which room this socket joined, as which peer. */
interface Session {
  room?: Room | undefined;
  peerId?: string | undefined;
  /** This connection's channel: a peer replaced by a rejoin elsewhere is not ours. */
  channel: PeerChannel;
  /** Listener on the room's close event, removed when the peer leaves. */
  onRoomClosed?: (() => void) | undefined;
  joining: boolean;
  /** The phone gateway (it presented the gateway key): may join as phone or listener. */
  gateway: boolean;
}

/** Leaves the session's room (if any) and forgets it. */
function leaveRoom(session: Session): void {
  if (session.room && session.peerId) session.room.leave(session.peerId, session.channel);
  forget(session);
}

function forget(session: Session): void {
  if (session.room && session.onRoomClosed) session.room.off("close", session.onRoomClosed);
  session.room = undefined;
  session.peerId = undefined;
  session.onRoomClosed = undefined;
}

/**
 * Binds socket.io connections to rooms: validates every message against the protocol,
 * dispatches it, and answers with a typed response. Never throws on client input.
 */
export class SignalingServer {
  constructor(
    io: Server<ClientToServerEvents, ServerToClientEvents>,
    private readonly rooms: RoomRegistry,
    private readonly routerRtpCapabilities: types.RtpCapabilities,
    private readonly log: Logger,
    /** The key the phone gateway presents in its handshake (`auth.gatewayKey`). */
    private readonly gatewayKey?: string,
    /** The phone gateway's control API, for moderators' dial-out. */
    private readonly gatewayControl?: GatewayControl,
  ) {
    io.on("connection", (socket) => this.onConnection(socket));
  }

  private onConnection(socket: SfuSocket): void {
    const session: Session = {
      joining: false,
      channel: this.channelFor(socket),
      gateway: this.isGateway(socket.handshake.auth),
    };
    const log = this.log.child({ socket: socket.id });
    socket.on("request", (raw: unknown, ack: unknown) => {
      if (typeof ack !== "function") {
        log.debug("request without ack callback ignored");
        return;
      }
      const reply = ack as (res: Response) => void;
      void this.handle(socket, session, raw)
        .then((data) => reply({ ok: true, data } as Response))
        .catch((error: unknown) => {
          const protocolError = toProtocolError(error);
          if (protocolError.code === "INTERNAL" || protocolError.code === "MEDIA_ERROR") {
            log.warn({ err: error }, "request failed");
          }
          reply({ ok: false, error: protocolError });
        });
    });
    socket.on("disconnect", (reason) => {
      leaveRoom(session);
      log.debug({ reason }, "socket disconnected");
    });
  }

  private async handle(socket: SfuSocket, session: Session, raw: unknown): Promise<unknown> {
    if (messageSize(raw) > LIMITS.maxMessageBytes) {
      throw new ProtocolFailure({
        code: "INVALID_REQUEST",
        message: `message larger than ${LIMITS.maxMessageBytes} bytes`,
      });
    }
    const parsed = parseClientRequest(raw);
    if (!parsed.ok) throw new ProtocolFailure(parsed.error);
    return this.dispatch(socket, session, parsed.request);
  }

  private async dispatch(
    socket: SfuSocket,
    session: Session,
    req: ClientRequest,
  ): Promise<unknown> {
    if (req.method === "getRouterRtpCapabilities") {
      return { routerRtpCapabilities: this.routerRtpCapabilities };
    }
    if (req.method === "join") {
      if (session.room || session.joining) {
        throw new SignalingError("ALREADY_JOINED", "this connection already joined a room");
      }
      const kind = PEER_KINDS[req.data.as];
      if (kind.gatewayOnly && !session.gateway) {
        throw new SignalingError("FORBIDDEN", "only the phone gateway joins as phone or listener");
      }
      session.joining = true;
      try {
        const decision = await this.rooms.roomForJoin(req.data.room, {
          displayName: req.data.displayName,
          token: req.data.token,
          rejoin: req.data.rejoin,
          gateway: kind.gatewayOnly,
        });
        const { room, displayName, role } = decision;
        if (decision.lobby) await this.waitInLobby(socket, room, displayName);
        const peerId = decision.rejoin?.peerId ?? randomUUID();
        const response = await room.join(
          peerId,
          {
            displayName,
            role,
            handRaisedAt: decision.rejoin?.handRaisedAt ?? null,
            kind: req.data.as,
          },
          req.data.rtpCapabilities as types.RtpCapabilities,
          session.channel,
        );
        if (socket.disconnected) {
          room.leave(peerId, session.channel);
          throw new SignalingError("NOT_JOINED", "disconnected while joining");
        }
        const onRoomClosed = () => forget(session);
        room.once("close", onRoomClosed);
        Object.assign(session, { room, peerId, onRoomClosed });
        // Consumers for existing producers go out right after the join answer.
        setImmediate(() => room.consumeExisting(peerId));
        return response;
      } finally {
        session.joining = false;
      }
    }
    const { room, peerId } = session;
    if (!room || !peerId) throw new SignalingError("NOT_JOINED", "join a room first");
    const self = room.find(peerId);
    if (self?.channel !== session.channel) {
      // Our peer left, or came back on another connection: this one is stale.
      forget(session);
      throw new SignalingError("NOT_JOINED", "this connection is no longer in the room");
    }
    const { collaboration, moderation } = room;
    switch (req.method) {
      case "connectTransport":
        await room.connectTransport(peerId, req.data);
        return {};
      case "restartIce":
        return room.restartIce(peerId, req.data);
      case "produce":
        return { producerId: await room.produce(peerId, req.data) };
      case "closeProducer":
        room.closeProducer(peerId, req.data.producerId);
        return {};
      case "pauseProducer":
      case "resumeProducer":
        await room.setProducerPaused(peerId, req.data.producerId, req.method === "pauseProducer");
        return {};
      case "pauseConsumer":
      case "resumeConsumer":
        await room.setConsumerPaused(peerId, req.data.consumerId, req.method === "pauseConsumer");
        return {};
      case "setConsumerPreferredLayers":
        await room.setConsumerPreferredLayers(peerId, req.data);
        return {};
      case "leave":
        leaveRoom(session);
        return {};
      case "createPlainTransport":
        return room.createPlainTransport(peerId, req.data);
      case "sendChat":
        return { message: await collaboration.sendChat(peerId, req.data.text) };
      case "setHand":
        collaboration.setHand(peerId, req.data.raised);
        return {};
      case "react":
        collaboration.react(peerId, req.data.reaction);
        return {};
      case "getNotes":
        return { state: await collaboration.notesState(peerId) };
      case "updateNotes":
        await collaboration.updateNotes(peerId, req.data.update);
        return {};
      case "muteParticipant":
        await moderation.mute(peerId, req.data.peerId, req.data.source);
        return {};
      case "muteAll":
        return { muted: await moderation.muteAll(peerId) };
      case "removeParticipant":
        moderation.remove(peerId, req.data.peerId);
        return {};
      case "setRoomLocked":
        await moderation.setLocked(peerId, req.data.locked);
        return {};
      case "endRoom":
        moderation.end(peerId);
        return {};
      case "dialOut":
        moderation.assertModerator(peerId, "call phones into the room");
        if (!this.gatewayControl) {
          throw new SignalingError("GATEWAY_UNAVAILABLE", "no phone gateway is configured");
        }
        return this.gatewayControl.dial(room.slug, req.data.to);
      case "reportCall":
        moderation.reportCall(peerId, req.data);
        return {};
      case "admitFromLobby":
        moderation.admit(peerId, req.data.lobbyId);
        return {};
      case "denyFromLobby":
        moderation.deny(peerId, req.data.lobbyId);
        return {};
    }
  }

  /** Holds a join in the room's lobby until a moderator decides (or the joiner leaves). */
  private async waitInLobby(socket: SfuSocket, room: Room, displayName: string): Promise<void> {
    const { lobby } = room.moderation;
    let lobbyId: string | undefined;
    const gone = () => {
      if (lobbyId) lobby.cancel(lobbyId, new SignalingError("NOT_JOINED", "left the lobby"));
    };
    socket.once("disconnect", gone);
    try {
      await lobby.wait(displayName, (id) => {
        lobbyId = id;
        socket.emit("notification", { method: "lobbyWaiting", data: { lobbyId: id } });
      });
    } finally {
      socket.off("disconnect", gone);
    }
  }

  private isGateway(auth: unknown): boolean {
    if (!this.gatewayKey || typeof auth !== "object" || auth === null) return false;
    const presented = (auth as Record<string, unknown>).gatewayKey;
    if (typeof presented !== "string") return false;
    const a = Buffer.from(presented);
    const b = Buffer.from(this.gatewayKey);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private channelFor(socket: SfuSocket): PeerChannel {
    return {
      notify: (notification) => {
        socket.emit("notification", notification);
      },
      request: async (request) => {
        try {
          const ack: unknown = await socket
            .timeout(SERVER_REQUEST_TIMEOUT_MS)
            .emitWithAck("serverRequest", request);
          const parsed = ServerRequestAckSchema.safeParse(ack);
          return parsed.success && parsed.data.ok;
        } catch {
          return false;
        }
      },
    };
  }
}

class ProtocolFailure extends Error {
  constructor(readonly error: ProtocolError) {
    super(error.message);
  }
}

function toProtocolError(error: unknown): ProtocolError {
  if (error instanceof ProtocolFailure) return error.error;
  if (error instanceof SignalingError) return error.toProtocol();
  // The worker already closed it (e.g. its producer left while the request was in flight).
  if (error instanceof Error && /request handler with ID .* not found/i.test(error.message)) {
    return { code: "NOT_FOUND", message: "that media is gone" };
  }
  if (error instanceof Error && /mediasoup|rtp|codec|ssrc|transport|dtls/i.test(error.message)) {
    return { code: "MEDIA_ERROR", message: error.message };
  }
  return { code: "INTERNAL", message: "internal error" };
}

/** Approximate size of a decoded socket.io payload, without throwing on cycles. */
function messageSize(raw: unknown): number {
  try {
    return JSON.stringify(raw)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
