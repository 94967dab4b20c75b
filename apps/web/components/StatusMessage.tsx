import type { ReactNode } from "react";
import type { StatusState } from "@/lib/roomErrors";
import { AlertIcon, Spinner } from "./Icons";

export type StatusTone = "neutral" | "info" | "warning" | "error";

interface StatusMessageProps {
  state: StatusState;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  tone?: StatusTone;
  busy?: boolean;
  /** Only one status may carry the test id at a time; secondary notices opt out. */
  testId?: boolean;
  className?: string;
  /** "lg" for a full-screen message. */
  size?: "md" | "lg";
}

const TONES: Record<StatusTone, string> = {
  neutral: "border-neutral-800 bg-neutral-900 text-neutral-100",
  info: "border-sky-500/30 bg-sky-500/10 text-sky-100",
  warning: "border-amber-500/40 bg-amber-500/10 text-amber-100",
  error: "border-red-500/40 bg-red-500/10 text-red-100",
};

/** A status or error message with optional actions (the `data-testid="status"` hook). */
export function StatusMessage({
  state,
  title,
  children,
  actions,
  tone = "info",
  busy = false,
  testId = true,
  className = "",
  size = "md",
}: StatusMessageProps) {
  const icon = busy ? (
    <Spinner />
  ) : tone === "info" || tone === "neutral" ? null : (
    <AlertIcon className="size-4" />
  );
  const large = size === "lg";
  return (
    <div
      data-testid={testId ? "status" : undefined}
      data-state={state}
      role={tone === "info" || tone === "neutral" ? "status" : "alert"}
      aria-live={tone === "info" || tone === "neutral" ? "polite" : "assertive"}
      className={`border ${large ? "rounded-2xl p-6 text-base shadow-2xl" : "rounded-xl px-4 py-3 text-sm"} ${TONES[tone]} ${className}`}
    >
      <div className="flex items-start gap-3">
        {icon ? <span className={`shrink-0 ${large ? "mt-1.5" : "mt-0.5"}`}>{icon}</span> : null}
        <div className="min-w-0 flex-1">
          <p className={`font-semibold ${large ? "text-xl" : ""}`}>{title}</p>
          {children ? (
            <div className={`text-pretty opacity-90 ${large ? "mt-2" : "mt-1"}`}>{children}</div>
          ) : null}
          {actions ? (
            <div className={`flex flex-wrap gap-2 ${large ? "mt-5" : "mt-3"}`}>{actions}</div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
