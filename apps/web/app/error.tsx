"use client";

import Link from "next/link";
import { useEffect } from "react";
import { Button, buttonClass } from "@/components/Button";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest =
    typeof error === "object" && error !== null && "digest" in error
      ? String((error as { digest: unknown }).digest)
      : null;
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <div
        data-testid="status"
        data-state="error"
        role="alert"
        className="w-full max-w-md rounded-2xl border border-red-500/40 bg-red-500/10 p-6"
      >
        <h1 className="text-xl font-semibold">Something went wrong</h1>
        <p className="mt-2 text-sm text-neutral-300">
          An unexpected error stopped this page. Try again; if it keeps happening, reload or come
          back later.
        </p>
        {digest ? (
          <p className="mt-2 font-mono text-xs text-neutral-500">Reference: {digest}</p>
        ) : null}
        <div className="mt-5 flex gap-2">
          <Button variant="primary" onClick={() => retry()}>
            Try again
          </Button>
          <Link href="/" className={buttonClass("secondary")}>
            Home
          </Link>
        </div>
      </div>
    </main>
  );
}
