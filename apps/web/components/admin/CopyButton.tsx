"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/Button";

/** Copies `text` to the clipboard (with a fallback for non-secure contexts). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to the textarea trick.
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

export function CopyButton({
  text,
  label = "Copy",
  testId,
  className = "",
}: {
  text: string;
  label?: string;
  testId?: string;
  className?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <Button
      data-testid={testId}
      className={`shrink-0 px-3 py-1.5 ${className}`}
      onClick={async () => setState((await copyText(text)) ? "copied" : "failed")}
      aria-live="polite"
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label}
    </Button>
  );
}

/** A read-only value (link, key, secret) with a copy button. */
export function CopyField({
  value,
  label,
  valueTestId,
  buttonTestId,
  buttonLabel = "Copy",
}: {
  value: string;
  label?: string;
  valueTestId?: string;
  buttonTestId?: string;
  buttonLabel?: string;
}) {
  return (
    <div className="flex min-w-0 items-center gap-2">
      <code
        data-testid={valueTestId}
        title={label}
        className="block min-w-0 flex-1 truncate rounded-lg border border-neutral-800 bg-neutral-950 px-3 py-2 font-mono text-xs text-neutral-200 select-all"
      >
        {value}
      </code>
      <CopyButton text={value} testId={buttonTestId} label={buttonLabel} />
    </div>
  );
}
