export { BuiltinPrompts, DEFAULT_PROMPTS_DIR } from "@switchboard/tts";
export {
  Call,
  type CallDirection,
  type CallEvents,
  type CallMediaOptions,
  type CallOptions,
  type CallState,
  type DialOptions,
} from "./Call";
export { isUnanswered } from "./call/CallState";
export type { ReferRequest } from "./call/InDialog";
export { type CallEndReason, reasonForStatus } from "./call/reasons";
export { parseReferTo, type ReferTarget, type Replaces } from "./call/refer";
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
export { BridgedPair, type PlaceCall } from "./flow/BridgedPair";
export { CallDialer, type StartCall } from "./flow/CallDialer";
export { callEcho, callRecorder, type RecordingStore } from "./flow/callServices";
export {
  type AudioFiles,
  DEFAULT_VOICE,
  PromptAudio,
  PromptUnavailableError,
  type SpeechCache,
} from "./flow/PromptAudio";
export { callInfo, SipCallChannel } from "./flow/SipCallChannel";
export { Gateway, type GatewayAccess, type GatewayOptions, type RoutedCall } from "./Gateway";
export { createLogger, silentLogger } from "./log";
export { Bridge } from "./media/Bridge";
export { CallMedia, type FrameSource, type MediaOutput, type MediaTap } from "./media/CallMedia";
export { echo } from "./media/Echo";
export { ClipSequence, PcmPlayer, renderTone, SourceChain, toneSource } from "./media/players";
export { type Recording, recordCaller, wavHeader } from "./media/Recorder";
export { ConferenceRooms, type RoomConnection, type RoomExit } from "./mixer/ConferenceRooms";
export { type MixerLegOptions, RoomMixer, type RoomMixerOptions } from "./mixer/RoomMixer";
export type { RoomAudioSink, RoomAudioSource } from "./mixer/types";
export { FrameClock, sharedFrameClock } from "./rtp/FrameClock";
export { JitterBuffer } from "./rtp/JitterBuffer";
export { PortPool, portPoolFor } from "./rtp/PortPool";
export {
  parseRtp,
  type RtpHeader,
  type RtpPacket,
  serializeRtp,
  writeRtpHeader,
} from "./rtp/packet";
export {
  LATCH_WINDOW,
  NoRtpPortError,
  type PortRange,
  type RtpLatching,
  RtpLeg,
  type RtpLegOptions,
} from "./rtp/RtpLeg";
export { RtpStats } from "./rtp/RtpStats";
export { buildRtcpReport, parseRtcpReport, type RtcpReport } from "./rtp/rtcp";
export { type AudioSdp, buildAudioSdp, type MediaDirection, parseAudioSdp } from "./sdp/AudioSdp";
export { acceptAnswer, answerDirection, type NegotiatedAudio, negotiate } from "./sdp/negotiate";
export {
  checkDestination,
  type DestinationPolicy,
  type DestinationVerdict,
  PREMIUM_PREFIXES,
  sipHostAllowed,
  toE164,
} from "./security/DialPolicy";
export { PinGuard, type PinGuardOptions } from "./security/PinGuard";
export { type LimitVerdict, type TrunkLimitSettings, TrunkLimits } from "./security/TrunkLimits";
export {
  authorize,
  DigestChallenger,
  type DigestChallengerOptions,
  type DigestCredentials,
} from "./sip/digest";
export { type RegisterOptions, type RegisterResult, register } from "./sip/register";
export {
  ALLOWED_METHODS,
  type IncomingRequest,
  type SentRequest,
  SipEndpoint,
  type SipEndpointOptions,
} from "./sip/SipEndpoint";
export type * from "./sip/types";
export { formatSipUri, parseSipUri, userOf } from "./sip/uri";
export { MAX_SIP_MESSAGE_BYTES } from "./sip/wire";
