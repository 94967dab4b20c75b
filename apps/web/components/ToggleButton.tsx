import type { ReactNode } from "react";

interface ToggleButtonProps {
  /** Accessible name; stays the same whichever state the toggle is in. */
  label: string;
  /** Text under the icon (defaults to none: icon only, with a tooltip). */
  visibleLabel?: string;
  tooltip: string;
  pressed: boolean;
  disabled?: boolean;
  icon: ReactNode;
  onClick(): void;
  testId?: string;
  compact?: boolean;
}

/** An on/off control (mute, camera off) with aria-pressed; red while pressed. */
export function ToggleButton({
  label,
  visibleLabel,
  tooltip,
  pressed,
  disabled = false,
  icon,
  onClick,
  testId,
  compact = false,
}: ToggleButtonProps) {
  const colors = pressed
    ? "bg-red-600 text-white hover:bg-red-500"
    : "bg-neutral-800/90 text-neutral-100 ring-1 ring-inset ring-neutral-700 hover:bg-neutral-700";
  return (
    <button
      type="button"
      data-testid={testId}
      aria-label={label}
      aria-pressed={pressed}
      title={disabled ? `${tooltip} (no device)` : tooltip}
      disabled={disabled}
      onClick={onClick}
      className={`group flex flex-col items-center gap-1 focus-visible:outline-none disabled:cursor-not-allowed ${compact ? "" : "min-w-16"}`}
    >
      <span
        className={`flex items-center justify-center rounded-full transition-colors group-focus-visible:outline-2 group-focus-visible:outline-offset-2 group-focus-visible:outline-sky-400 group-disabled:opacity-50 ${
          compact ? "size-11" : "size-12"
        } ${colors}`}
      >
        {icon}
      </span>
      {visibleLabel ? (
        <span className="text-xs font-medium text-neutral-300">{visibleLabel}</span>
      ) : null}
    </button>
  );
}
