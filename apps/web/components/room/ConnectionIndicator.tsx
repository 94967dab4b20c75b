import { type ConnectionQuality, describeQuality } from "@/lib/quality";

const COLORS = {
  good: "bg-emerald-400",
  fair: "bg-amber-400",
  poor: "bg-red-500",
  unknown: "bg-neutral-500",
} as const;
const LIT = { good: 3, fair: 2, poor: 1, unknown: 0 } as const;

/** Three bars (good/fair/poor) with the numbers in plain words as tooltip and label. */
export function ConnectionIndicator({ quality }: { quality: ConnectionQuality }) {
  const text = describeQuality(quality);
  const lit = LIT[quality.level];
  return (
    <span
      role="img"
      data-testid="quality"
      data-level={quality.level}
      aria-label={text}
      title={text}
      className="flex h-4 items-end gap-0.5 rounded bg-neutral-950/70 px-1 py-0.5"
    >
      {[1, 2, 3].map((i) => (
        <span
          key={i}
          className={`w-1 rounded-sm ${i <= lit ? COLORS[quality.level] : "bg-neutral-600"}`}
          style={{ height: `${i * 3 + 2}px` }}
        />
      ))}
    </span>
  );
}
