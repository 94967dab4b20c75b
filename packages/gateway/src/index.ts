export {
  Call,
  type CallDirection,
  type CallMediaOptions,
  type CallOptions,
  type CallState,
  type DialOptions,
} from "./Call";
export { CallMedia, type FrameSource } from "./call/CallMedia";
export { type CallEndReason, reasonForStatus } from "./call/reasons";
export { decodeG711, encodeG711, G711_SILENCE, type G711Law } from "./codec/g711";
export { OpusEncoder48k, OpusTo8k, SAMPLES_PER_FRAME_8K } from "./codec/opus";
export { DtmfDetector, type DtmfSource } from "./dtmf/DtmfDetector";
export { GoertzelDetector, type GoertzelOptions } from "./dtmf/goertzel";
export {
  buildTelephoneEvent,
  type DtmfDigit,
  parseTelephoneEvent,
  Rfc4733Receiver,
} from "./dtmf/rfc4733";
export { Gateway, type GatewayOptions } from "./Gateway";
export { directRoomFlow } from "./ivr/flows/directRoom";
export { pinDialInFlow } from "./ivr/flows/pinDialIn";
export { DEFAULT_PROMPTS_DIR, PcmPlayer, PromptLibrary } from "./ivr/prompts";
export { type FlowResult, runFlow } from "./ivr/runFlow";
export type { Flow, FlowHooks, RoomRef, Verb, VerbContext, VerbHandler } from "./ivr/types";
export { decodeWav, encodeWavPcm16 } from "./ivr/wav";
export { createLogger, silentLogger } from "./log";
export { ConferenceRooms, type RoomConnection } from "./mixer/ConferenceRooms";
export { type MixerLegOptions, RoomMixer, type RoomMixerOptions } from "./mixer/RoomMixer";
export type { RoomAudioSink, RoomAudioSource } from "./mixer/types";
export { FrameClock, sharedFrameClock } from "./rtp/FrameClock";
export { JitterBuffer } from "./rtp/JitterBuffer";
export {
  parseRtp,
  type RtpHeader,
  type RtpPacket,
  serializeRtp,
  writeRtpHeader,
} from "./rtp/packet";
export { type PortRange, RtpLeg, type RtpLegOptions } from "./rtp/RtpLeg";
export { RtpStats } from "./rtp/RtpStats";
export { buildRtcpReport, parseRtcpReport, type RtcpReport } from "./rtp/rtcp";
export { type AudioSdp, buildAudioSdp, type MediaDirection, parseAudioSdp } from "./sdp/AudioSdp";
export { acceptAnswer, answerDirection, type NegotiatedAudio, negotiate } from "./sdp/negotiate";
export {
  authorize,
  DigestChallenger,
  type DigestChallengerOptions,
  type DigestCredentials,
} from "./sip/digest";
export { type RegisterOptions, type RegisterResult, register } from "./sip/register";
export {
  type IncomingRequest,
  type SentRequest,
  SipEndpoint,
  type SipEndpointOptions,
} from "./sip/SipEndpoint";
export type * from "./sip/types";
export { formatSipUri, parseSipUri } from "./sip/uri";
export { MAX_SIP_MESSAGE_BYTES } from "./sip/wire";
