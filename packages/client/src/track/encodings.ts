import type { Source } from "@switchboard/protocol";
import type { types } from "mediasoup-client";

/** Camera simulcast: three layers, quarter, half and full resolution. */
const CAMERA_ENCODINGS: RTCRtpEncodingParameters[] = [
  { rid: "r0", scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: "r1", scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: "r2", scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
];
/** Screen share: one layer, detail over motion. */
const SCREEN_ENCODINGS: RTCRtpEncodingParameters[] = [{ maxBitrate: 2_500_000 }];

/** How each source is encoded: camera in 3 simulcast layers, screen in one, Opus mic with DTX/FEC. */
export function produceOptions(
  source: Source,
): Pick<types.ProducerOptions, "encodings" | "codecOptions"> {
  switch (source) {
    case "camera":
      return { encodings: CAMERA_ENCODINGS, codecOptions: { videoGoogleStartBitrate: 1000 } };
    case "screen":
      return { encodings: SCREEN_ENCODINGS };
    case "mic":
      return { codecOptions: { opusStereo: false, opusDtx: true, opusFec: true } };
    case "screen-audio":
      return {};
  }
}
