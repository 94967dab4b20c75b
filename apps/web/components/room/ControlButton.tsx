import type { ReactNode } from "react";

/** A call-bar button that opens something or switches a mode (aria-pressed), with a badge. */
export function ControlButton({
  label,
  visibleLabel,
  tooltip,
  pressed,
  icon,
  onClick,
  testId,
  badge,
  badgeLabel,
  disabled = false,
  tone = "sky",
}: {
  label: string;
  visibleLabel: string;
  tooltip?: string;
  pressed?: boolean | undefined;
  icon: ReactNode;
  onClick(): void;
  testId: string;
  badge?: number | undefined;
  badgeLabel?: string | undefined;
  disabled?: boolean;
  tone?: "sky" | "amber";
}) {
  const on =
    tone === "amber"
      ? "bg-amber-400 text-neutral-950 hover:bg-amber-300"
      : "bg-sky-500 text-neutral-950 hover:bg-sky-400";
  return (
    <button
      type="button"
      data-testid={testId}
      aria-label={badge ? `${label} (${badgeLabel ?? `${badge} new`})` : label}
      aria-pressed={pressed}
      title={tooltip ?? label}
      disabled={disabled}
      onClick={onClick}
      className="group relative flex min-w-14 flex-col items-center gap-1 focus-visible:outline-none disabled:cursor-not-allowed"
    >
      <span
        className={`flex size-12 items-center justify-center rounded-full transition-colors group-focus-visible:outline-2 group-focus-visible:outline-offset-2 group-focus-visible:outline-sky-400 group-disabled:opacity-50 ${
          pressed
            ? on
            : "bg-neutral-800/90 text-neutral-100 ring-1 ring-inset ring-neutral-700 hover:bg-neutral-700"
        }`}
      >
        {icon}
      </span>
      {badge ? (
        <span
          data-testid={`${testId}-badge`}
          aria-hidden="true"
          className="absolute -top-1 right-0 flex h-5 min-w-5 items-center justify-center rounded-full bg-red-600 px-1 text-[11px] font-bold text-white"
        >
          {badge > 99 ? "99+" : badge}
        </span>
      ) : null}
      <span className="text-xs font-medium text-neutral-300">{visibleLabel}</span>
    </button>
  );
}
