"use client";

import { useId, useState } from "react";
import { dialAction, hangupAction } from "@/app/admin/actions/telephony";
import { Button } from "@/components/Button";
import { Spinner } from "@/components/Icons";
import { formatDuration } from "@/lib/admin/format";
import {
  endReasonText,
  isFailure,
  LIVE_STATE_TEXT,
  type LiveState,
  type RoomCallsSnapshot,
} from "@/lib/admin/telephony";
import { usePolledSnapshot } from "@/lib/admin/usePolledSnapshot";
import { Badge, FieldError, inputClass, labelClass, Notice } from "./ui";

const POLL_MS = 2000;

const STATE_TONE: Record<LiveState, "amber" | "sky" | "green" | "neutral"> = {
  calling: "amber",
  ringing: "sky",
  active: "green",
  ended: "neutral",
};

/**
 * "Call a phone": a number (and a trunk) → the gateway calls it into the room. The room's
 * live calls are polled every 2 s from /admin/rooms/<slug>/calls (calling, ringing,
 * answered) with a hang-up button; finished calls show their outcome from the call records.
 */
export function PhoneCalls({
  slug,
  csrf,
  trunks,
  initial,
}: {
  slug: string;
  csrf: string;
  /** Enabled trunks' names. */
  trunks: string[];
  initial: RoomCallsSnapshot;
}) {
  const {
    snapshot,
    now,
    refresh: poll,
  } = usePolledSnapshot<RoomCallsSnapshot>(
    `/admin/rooms/${encodeURIComponent(slug)}/calls`,
    initial,
    POLL_MS,
  );
  const [to, setTo] = useState("");
  const [trunk, setTrunk] = useState("");
  const [pending, setPending] = useState(false);
  const [busyCall, setBusyCall] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [placed, setPlaced] = useState<string | null>(null);
  const id = useId();

  const dial = async () => {
    setPending(true);
    setError(null);
    setPlaced(null);
    try {
      const result = await dialAction(csrf, { slug, to, trunk });
      if (result.ok) {
        setPlaced(result.callId);
        setTo("");
      } else setError(result.error);
    } catch {
      setError("The request failed. Check your connection and try again.");
    } finally {
      setPending(false);
      void poll();
    }
  };

  const hangup = async (callId: string) => {
    setBusyCall(callId);
    setError(null);
    try {
      const result = await hangupAction(csrf, callId);
      if (!result.ok) setError(result.error);
    } catch {
      setError("The request failed. Check your connection and try again.");
    } finally {
      setBusyCall(null);
      void poll();
    }
  };

  const live = snapshot.state === "ok" ? snapshot.live : [];
  const recent = snapshot.state === "unauthenticated" ? [] : snapshot.recent;
  const liveIds = new Set(live.map((c) => c.callId));
  const finished = recent.filter((c) => !liveIds.has(c.callId)).slice(0, 5);
  const placedRecord = placed ? recent.find((c) => c.callId === placed) : undefined;

  return (
    <div className="flex flex-col gap-4" data-testid="phone-calls" data-state={snapshot.state}>
      {snapshot.state === "unreachable" ? (
        <Notice tone="warning" testId="gateway-unreachable">
          Phone gateway unreachable
          {snapshot.error === "the phone gateway is not reachable" ? "" : ` (${snapshot.error})`}:
          calls cannot be placed right now. Is the gateway running (GATEWAY_CONTROL_URL)? Retrying
          every few seconds.
        </Notice>
      ) : null}
      <form
        className="flex flex-col gap-3 sm:flex-row sm:items-end"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!pending) void dial();
        }}
      >
        <div className="flex min-w-0 flex-1 flex-col gap-1.5">
          <label htmlFor={`${id}-to`} className={labelClass}>
            Phone number or SIP URI
          </label>
          <input
            id={`${id}-to`}
            name="to"
            data-testid="dial-to"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            inputMode="tel"
            autoComplete="off"
            placeholder="+4930123456"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className={inputClass(!!error, "font-mono")}
          />
        </div>
        <div className="flex flex-col gap-1.5 sm:w-56">
          <label htmlFor={`${id}-trunk`} className={labelClass}>
            Trunk
          </label>
          <select
            id={`${id}-trunk`}
            name="trunk"
            data-testid="dial-trunk"
            value={trunk}
            onChange={(e) => setTrunk(e.target.value)}
            className={inputClass()}
          >
            <option value="">Default (first enabled)</option>
            {trunks.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <Button
          type="submit"
          variant="primary"
          data-testid="dial-submit"
          disabled={pending || to.trim() === "" || snapshot.state === "unreachable"}
        >
          {pending ? <Spinner /> : null}
          Call
        </Button>
      </form>
      <FieldError id={`${id}-error`}>
        {error ? <span data-testid="dial-error">{error}</span> : null}
      </FieldError>
      {placed && !liveIds.has(placed) && !placedRecord ? (
        <Notice tone="info" testId="dial-placed">
          Calling…
        </Notice>
      ) : null}

      {live.length > 0 ? (
        <ul className="flex flex-col divide-y divide-neutral-800" aria-live="polite">
          {live.map((c) => (
            <li
              key={c.callId}
              data-testid="live-call"
              data-state={c.state}
              data-call-id={c.callId}
              className="flex flex-wrap items-center justify-between gap-3 py-2"
            >
              <span className="flex items-center gap-2">
                <Badge tone={STATE_TONE[c.state]}>{LIVE_STATE_TEXT[c.state]}</Badge>
                <span className="font-mono text-sm">
                  {c.direction === "outbound" ? c.to : c.from}
                </span>
                <span className="text-xs text-neutral-500">
                  {c.direction === "outbound" ? "called from here" : "called in"} ·{" "}
                  {formatDuration(now - c.startedAt)}
                </span>
              </span>
              <Button
                variant="danger"
                className="px-3 py-1.5"
                data-testid="call-hangup"
                disabled={busyCall !== null}
                onClick={() => void hangup(c.callId)}
              >
                {busyCall === c.callId ? <Spinner /> : null}
                Hang up
              </Button>
            </li>
          ))}
        </ul>
      ) : snapshot.state === "ok" ? (
        <p className="text-sm text-neutral-400">No phone calls in this room right now.</p>
      ) : null}

      {finished.length > 0 ? (
        <div>
          <h3 className="mb-1 text-xs font-semibold tracking-wide text-neutral-400 uppercase">
            Recent calls
          </h3>
          <ul className="flex flex-col gap-1 text-sm">
            {finished.map((c) => (
              <li
                key={c.callId}
                data-testid="recent-call"
                data-reason={c.endReason ?? ""}
                className="flex flex-wrap items-center gap-2"
              >
                <span className="font-mono">{c.direction === "outbound" ? c.to : c.from}</span>
                <Badge
                  tone={c.endReason === null ? "sky" : isFailure(c.endReason) ? "red" : "neutral"}
                >
                  {endReasonText(c.endReason, c.answeredAt !== null)}
                </Badge>
                {c.answeredAt && c.endedAt ? (
                  <span className="text-xs text-neutral-500 tabular-nums">
                    {formatDuration(c.endedAt - c.answeredAt)}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
