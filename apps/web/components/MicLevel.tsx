"use client";

import { useEffect, useRef } from "react";

type AudioContextCtor = typeof AudioContext;

function audioContextClass(): AudioContextCtor | undefined {
  const w = window as Window & { webkitAudioContext?: AudioContextCtor };
  return window.AudioContext ?? w.webkitAudioContext;
}

/** RMS of the analyser's current window mapped to 0–100 over a -60…0 dBFS scale. */
function levelOf(samples: Float32Array<ArrayBuffer>): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.max(0, Math.min(100, Math.round(((db + 60) / 60) * 100)));
}

/**
 * Microphone level meter: a WebAudio AnalyserNode read on every animation frame. The DOM is
 * updated directly (not through React state) so that the meter costs no re-renders.
 */
export function MicLevel({ track }: { track: MediaStreamTrack | null }) {
  const meterRef = useRef<HTMLDivElement>(null);
  const barRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const meter = meterRef.current;
    const bar = barRef.current;
    const show = (level: number) => {
      if (!meter || !bar) return;
      const text = String(level);
      if (meter.dataset.level === text) return;
      meter.dataset.level = text;
      meter.setAttribute("aria-valuenow", text);
      bar.style.transform = `scaleX(${level / 100})`;
    };
    show(0);
    const Ctor = audioContextClass();
    if (!track || !Ctor) return;

    const ctx = new Ctor();
    const source = ctx.createMediaStreamSource(new MediaStream([track]));
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 1024;
    analyser.smoothingTimeConstant = 0.3;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let frame = 0;
    let shown = 0;

    const tick = () => {
      analyser.getFloatTimeDomainData(samples);
      const level = track.enabled && track.readyState === "live" ? levelOf(samples) : 0;
      // Fast attack, slow release: easier to read than the raw value.
      shown = level >= shown ? level : Math.max(level, shown - 4);
      show(Math.round(shown));
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);

    // Autoplay policy: a context created without a user gesture may start suspended.
    const resume = () => {
      if (ctx.state === "suspended") void ctx.resume().catch(() => undefined);
    };
    resume();
    window.addEventListener("pointerdown", resume);
    window.addEventListener("keydown", resume);

    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("pointerdown", resume);
      window.removeEventListener("keydown", resume);
      source.disconnect();
      void ctx.close().catch(() => undefined);
      show(0);
    };
  }, [track]);

  return (
    <div className="flex items-center gap-3">
      <span className="text-xs font-medium text-neutral-400" id="mic-level-label">
        Mic level
      </span>
      {/* biome-ignore lint/a11y/useSemanticElements: a styled bar updated every frame; <meter> can't be styled consistently. */}
      <div
        ref={meterRef}
        data-testid="mic-level"
        data-level="0"
        role="meter"
        aria-labelledby="mic-level-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={0}
        className="relative h-2 flex-1 overflow-hidden rounded-full bg-neutral-800"
      >
        <div
          ref={barRef}
          className="absolute inset-y-0 left-0 w-full origin-left rounded-full bg-gradient-to-r from-emerald-500 via-emerald-400 to-lime-300 transition-transform duration-75"
          style={{ transform: "scaleX(0)" }}
        />
      </div>
    </div>
  );
}
