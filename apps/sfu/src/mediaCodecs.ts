import type { types } from "mediasoup";

/**
 * The codecs every room's router offers. Opus and VP8 first (what browsers prefer),
 * VP9 and H264 for devices that want them, PCMU/PCMA for the phone gateway.
 */
export const mediaCodecs: types.RtpCodecCapability[] = [
  { kind: "audio", mimeType: "audio/opus", clockRate: 48000, channels: 2 },
  { kind: "audio", mimeType: "audio/PCMU", clockRate: 8000, channels: 1 },
  { kind: "audio", mimeType: "audio/PCMA", clockRate: 8000, channels: 1 },
  {
    kind: "video",
    mimeType: "video/VP8",
    clockRate: 90000,
    parameters: { "x-google-start-bitrate": 1000 },
  },
  {
    kind: "video",
    mimeType: "video/VP9",
    clockRate: 90000,
    parameters: { "profile-id": 2, "x-google-start-bitrate": 1000 },
  },
  {
    kind: "video",
    mimeType: "video/H264",
    clockRate: 90000,
    parameters: {
      "packetization-mode": 1,
      "profile-level-id": "42e01f",
      "level-asymmetry-allowed": 1,
      "x-google-start-bitrate": 1000,
    },
  },
];
