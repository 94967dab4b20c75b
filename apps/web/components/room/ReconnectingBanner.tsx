import { Spinner } from "../Icons";

/** Shown while the SDK rejoins after a dropped connection. */
export function ReconnectingBanner() {
  return (
    <div
      role="status"
      data-testid="reconnecting"
      className="flex items-center justify-center gap-2 border-b border-amber-500/30 bg-amber-500/15 px-4 py-2 text-sm text-amber-100"
    >
      <Spinner className="size-4" />
      <span>Reconnecting… Your connection dropped; we're getting you back in.</span>
    </div>
  );
}
