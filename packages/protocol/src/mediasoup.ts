/**
 * Zod schemas for the mediasoup objects that cross the wire (RTP capabilities and
 * parameters, ICE and DTLS parameters). They mirror mediasoup's own TypeScript types
 * closely enough to validate shape and bound sizes; mediasoup itself validates meaning.
 */
import { z } from "zod";

const id = z.string().min(1).max(128);
const mediaKind = z.enum(["audio", "video"]);
/** Codec-specific fmtp-style parameters: flat values only. */
const codecParameters = z.record(z.string().max(64), z.union([z.string().max(256), z.number()]));
const rtcpFeedback = z.object({
  type: z.string().min(1).max(32),
  parameter: z.string().max(32).optional(),
});

export const RtpCodecCapabilitySchema = z.object({
  kind: mediaKind,
  mimeType: z.string().regex(/^(audio|video)\/[\w.-]+$/i),
  preferredPayloadType: z.number().int().min(0).max(127).optional(),
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().max(8).optional(),
  parameters: codecParameters.optional(),
  rtcpFeedback: z.array(rtcpFeedback).max(32).optional(),
});

export const RtpHeaderExtensionSchema = z.object({
  kind: mediaKind,
  uri: z.string().min(1).max(256),
  preferredId: z.number().int().min(1).max(255),
  preferredEncrypt: z.boolean().optional(),
  direction: z.enum(["sendrecv", "sendonly", "recvonly", "inactive"]).optional(),
});

export const RtpCapabilitiesSchema = z.object({
  codecs: z.array(RtpCodecCapabilitySchema).max(64).optional(),
  headerExtensions: z.array(RtpHeaderExtensionSchema).max(64).optional(),
});

export const RtpCodecParametersSchema = z.object({
  mimeType: z.string().regex(/^(audio|video)\/[\w.-]+$/i),
  payloadType: z.number().int().min(0).max(127),
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().max(8).optional(),
  parameters: codecParameters.optional(),
  rtcpFeedback: z.array(rtcpFeedback).max(32).optional(),
});

export const RtpEncodingParametersSchema = z.object({
  ssrc: z.number().int().nonnegative().optional(),
  rid: z.string().max(32).optional(),
  codecPayloadType: z.number().int().min(0).max(127).optional(),
  rtx: z.object({ ssrc: z.number().int().nonnegative() }).optional(),
  dtx: z.boolean().optional(),
  scalabilityMode: z.string().max(16).optional(),
  scaleResolutionDownBy: z.number().positive().optional(),
  maxBitrate: z.number().int().positive().optional(),
  maxFramerate: z.number().positive().optional(),
  adaptivePtime: z.boolean().optional(),
  priority: z.enum(["very-low", "low", "medium", "high"]).optional(),
  networkPriority: z.enum(["very-low", "low", "medium", "high"]).optional(),
});

export const RtpParametersSchema = z.object({
  mid: z.string().max(32).optional(),
  codecs: z.array(RtpCodecParametersSchema).min(1).max(16),
  headerExtensions: z
    .array(
      z.object({
        uri: z.string().min(1).max(256),
        id: z.number().int().min(1).max(255),
        encrypt: z.boolean().optional(),
        parameters: codecParameters.optional(),
      }),
    )
    .max(32)
    .optional(),
  encodings: z.array(RtpEncodingParametersSchema).max(8).optional(),
  rtcp: z
    .object({
      cname: z.string().max(256).optional(),
      reducedSize: z.boolean().optional(),
      mux: z.boolean().optional(),
    })
    .optional(),
});

export const DtlsParametersSchema = z.object({
  role: z.enum(["auto", "client", "server"]).optional(),
  fingerprints: z
    .array(
      z.object({
        algorithm: z.enum(["sha-1", "sha-224", "sha-256", "sha-384", "sha-512"]),
        value: z.string().regex(/^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})+$/),
      }),
    )
    .min(1)
    .max(8),
});

export const IceParametersSchema = z.object({
  usernameFragment: z.string().min(1).max(256),
  password: z.string().min(1).max(256),
  iceLite: z.boolean().optional(),
});

export const IceCandidateSchema = z.object({
  foundation: z.string().max(64),
  priority: z.number().int().nonnegative(),
  ip: z.string().max(64),
  address: z.string().max(64).optional(),
  protocol: z.enum(["udp", "tcp"]),
  port: z.number().int().min(0).max(65535),
  type: z.enum(["host", "srflx", "prflx", "relay"]),
  tcpType: z.enum(["passive", "active", "so"]).optional(),
});

export const SctpParametersSchema = z.object({
  port: z.number().int(),
  OS: z.number().int(),
  MIS: z.number().int(),
  maxMessageSize: z.number().int(),
});

export const TransportOptionsSchema = z.object({
  id,
  iceParameters: IceParametersSchema,
  iceCandidates: z.array(IceCandidateSchema).max(32),
  dtlsParameters: DtlsParametersSchema,
  sctpParameters: SctpParametersSchema.optional(),
});

export type RtpCapabilities = z.infer<typeof RtpCapabilitiesSchema>;
export type RtpParameters = z.infer<typeof RtpParametersSchema>;
export type DtlsParameters = z.infer<typeof DtlsParametersSchema>;
export type TransportOptions = z.infer<typeof TransportOptionsSchema>;
export const MediaKindSchema = mediaKind;
export type MediaKind = z.infer<typeof mediaKind>;
export const IdSchema = id;
