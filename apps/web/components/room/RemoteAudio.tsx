"use client";

import type { RemoteParticipant } from "@switchboard/client";
import { useTrackElement } from "@/lib/useTrackElement";

function AudioOut({ track }: { track: MediaStreamTrack }) {
  const ref = useTrackElement<HTMLAudioElement>(track);
  // biome-ignore lint/a11y/useMediaCaption: live call audio has no captions track.
  return <audio ref={ref} autoPlay hidden />;
}

/**
 * Every remote microphone and shared-screen sound, independent of the tiles: a tile on
 * another page or scrolled away stops its video, never its audio.
 */
export function RemoteAudio({ participants }: { participants: RemoteParticipant[] }) {
  return (
    <>
      {participants.flatMap((p) =>
        p.tracks
          .filter((t) => t.kind === "audio")
          .map((t) => <AudioOut key={t.id} track={t.mediaStreamTrack} />),
      )}
    </>
  );
}
