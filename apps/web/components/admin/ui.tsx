import type { ReactNode } from "react";

/** Shared class names and small presentational pieces of the dashboard. */

export const inputClass = (invalid = false, extra = "") =>
  `w-full rounded-lg border bg-neutral-900 px-3 py-2 text-sm text-neutral-100 placeholder:text-neutral-600 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-400 disabled:opacity-50 ${
    invalid ? "border-red-500" : "border-neutral-700"
  } ${extra}`;

export const labelClass = "text-sm font-medium text-neutral-300";

export const checkboxClass =
  "size-4 rounded border-neutral-600 bg-neutral-900 accent-sky-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400";

export const tableClass = "w-full min-w-[40rem] border-collapse text-left text-sm";
export const thClass =
  "border-b border-neutral-800 px-3 py-2 text-xs font-semibold tracking-wide text-neutral-400 uppercase";
export const tdClass = "border-b border-neutral-800/70 px-3 py-2.5 align-middle";

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 text-sm text-neutral-400">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}

export function Card({
  title,
  description,
  children,
  className = "",
  actions,
  id,
}: {
  title?: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  className?: string;
  actions?: ReactNode;
  id?: string;
}) {
  return (
    <section
      aria-labelledby={title && id ? `${id}-title` : undefined}
      className={`rounded-2xl border border-neutral-800 bg-neutral-900/60 p-5 ${className}`}
    >
      {title ? (
        <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
          <div>
            <h2 id={id ? `${id}-title` : undefined} className="text-base font-semibold">
              {title}
            </h2>
            {description ? <p className="mt-0.5 text-sm text-neutral-400">{description}</p> : null}
          </div>
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}

type Tone = "neutral" | "green" | "amber" | "red" | "sky" | "violet";
const TONES: Record<Tone, string> = {
  neutral: "bg-neutral-800 text-neutral-300 ring-neutral-700",
  green: "bg-emerald-500/10 text-emerald-300 ring-emerald-500/30",
  amber: "bg-amber-500/10 text-amber-200 ring-amber-500/30",
  red: "bg-red-500/10 text-red-300 ring-red-500/30",
  sky: "bg-sky-500/10 text-sky-300 ring-sky-500/30",
  violet: "bg-violet-500/10 text-violet-300 ring-violet-500/30",
};

export function Badge({
  tone = "neutral",
  children,
  title,
}: {
  tone?: Tone;
  children: ReactNode;
  title?: string;
}) {
  return (
    <span
      title={title}
      className={`inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}

/** A form-level or section-level notice. */
export function Notice({
  tone,
  children,
  testId,
}: {
  tone: "error" | "success" | "warning" | "info";
  children: ReactNode;
  testId?: string;
}) {
  const cls = {
    error: "border-red-500/40 bg-red-500/10 text-red-200",
    success: "border-emerald-500/30 bg-emerald-500/10 text-emerald-200",
    warning: "border-amber-500/40 bg-amber-500/10 text-amber-100",
    info: "border-sky-500/30 bg-sky-500/10 text-sky-100",
  }[tone];
  return (
    <div
      data-testid={testId}
      role={tone === "error" || tone === "warning" ? "alert" : "status"}
      className={`rounded-lg border px-3 py-2 text-sm ${cls}`}
    >
      {children}
    </div>
  );
}

export function FieldError({ id, children }: { id: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-400">
      {children}
    </p>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="csrf" value={token} />;
}

/** A table that scrolls sideways on narrow screens. */
export function TableWrap({ children }: { children: ReactNode }) {
  return <div className="-mx-5 overflow-x-auto px-5">{children}</div>;
}
