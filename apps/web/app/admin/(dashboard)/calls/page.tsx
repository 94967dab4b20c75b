import { listCalls, listRooms } from "@switchboard/db";
import type { Metadata } from "next";
import Link from "next/link";
import {
  Badge,
  Card,
  inputClass,
  labelClass,
  PageHeader,
  TableWrap,
  tableClass,
  tdClass,
  thClass,
} from "@/components/admin/ui";
import { buttonClass } from "@/components/Button";
import { formatDateTime, formatDuration } from "@/lib/admin/format";
import { requireAdminPage } from "@/lib/admin/session";
import { endReasonText, isFailure } from "@/lib/admin/telephony";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Calls" };

const MAX_ROWS = 200;

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

/** The filters from the query string; invalid values are ignored (and shown empty). */
function filtersOf(params: Record<string, string | string[] | undefined>) {
  const direction = one(params.direction);
  const room = one(params.room);
  const number = one(params.number).replace(/[\s()./-]/g, "");
  const since = one(params.since);
  const sinceDate = /^\d{4}-\d{2}-\d{2}$/.test(since) ? new Date(`${since}T00:00:00`) : null;
  return {
    direction: direction === "inbound" || direction === "outbound" ? direction : "",
    room: /^[a-z0-9-]{1,64}$/.test(room) ? room : "",
    number: /^\+?[0-9]{1,20}$/.test(number) ? number : "",
    since: sinceDate && !Number.isNaN(sinceDate.getTime()) ? since : "",
    sinceDate: sinceDate && !Number.isNaN(sinceDate.getTime()) ? sinceDate : undefined,
  } as const;
}

export default async function CallsPage({ searchParams }: Props) {
  await requireAdminPage();
  const f = filtersOf(await searchParams);
  const db = getDb();
  const [calls, rooms] = await Promise.all([
    listCalls(
      db,
      {
        direction: f.direction || undefined,
        roomSlug: f.room || undefined,
        number: f.number || undefined,
        since: f.sinceDate,
      },
      MAX_ROWS,
    ),
    listRooms(db),
  ]);
  const filtered = Boolean(f.direction || f.room || f.number || f.since);
  const now = Date.now();
  return (
    <>
      <PageHeader
        title="Calls"
        description="Every phone call leg through the gateway, newest first. Typed digits (PINs) are never stored."
      />
      <Card id="call-filters" className="mb-6">
        <form method="get" className="grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-5">
          <div className="flex flex-col gap-1.5">
            <label htmlFor="calls-direction" className={labelClass}>
              Direction
            </label>
            <select
              id="calls-direction"
              name="direction"
              defaultValue={f.direction}
              data-testid="calls-filter-direction"
              className={inputClass()}
            >
              <option value="">Both</option>
              <option value="inbound">Calls in</option>
              <option value="outbound">Calls out</option>
            </select>
          </div>
          <div className="flex flex-col gap-1.5">
            <label htmlFor="calls-room" className={labelClass}>
              Room
            </label>
            <select
              id="calls-room"
              name="room"
              defaultValue={f.room}
              data-testid="calls-filter-room"
              className={inputClass()}
            >
              <option value="">Any room</option>
              {rooms.map((r) => (
                <option key={r.slug} value={r.slug}>
                  {r.name} (/r/{r.slug})
                </option>
              ))}
              {f.room && !rooms.some((r) => r.slug === f.room) ? (
                <option value={f.room}>/r/{f.room} (deleted)</option>
              ) : null}
            </select>
          </div>
          <div className="flex flex-col gap-1.5">
            <label htmlFor="calls-number" className={labelClass}>
              Number starts with
            </label>
            <input
              id="calls-number"
              name="number"
              defaultValue={f.number}
              inputMode="tel"
              placeholder="+4930"
              data-testid="calls-filter-number"
              className={inputClass(false, "font-mono")}
            />
          </div>
          <div className="flex flex-col gap-1.5">
            <label htmlFor="calls-since" className={labelClass}>
              Since
            </label>
            <input
              id="calls-since"
              name="since"
              type="date"
              defaultValue={f.since}
              data-testid="calls-filter-since"
              className={inputClass()}
            />
          </div>
          <div className="flex gap-2">
            <button
              type="submit"
              className={buttonClass("primary")}
              data-testid="calls-filter-apply"
            >
              Filter
            </button>
            {filtered ? (
              <Link href="/admin/calls" className={buttonClass("ghost")}>
                Clear
              </Link>
            ) : null}
          </div>
        </form>
      </Card>
      <Card
        id="calls"
        title="Call records"
        description={
          calls.length === MAX_ROWS
            ? `The newest ${MAX_ROWS} calls${filtered ? " matching the filters" : ""}.`
            : `${calls.length} call${calls.length === 1 ? "" : "s"}${filtered ? " matching the filters" : ""}`
        }
      >
        {calls.length === 0 ? (
          <p className="py-6 text-center text-sm text-neutral-400" data-testid="calls-empty">
            {filtered ? "No calls match these filters." : "No calls yet."}
          </p>
        ) : (
          <TableWrap>
            <table className={tableClass} data-testid="calls-table">
              <thead>
                <tr>
                  <th className={thClass}>Started</th>
                  <th className={thClass}>Direction</th>
                  <th className={thClass}>From</th>
                  <th className={thClass}>To</th>
                  <th className={thClass}>Room</th>
                  <th className={thClass}>Trunk</th>
                  <th className={thClass}>Duration</th>
                  <th className={thClass}>Outcome</th>
                </tr>
              </thead>
              <tbody>
                {calls.map((c) => {
                  const answered = c.answeredAt !== null;
                  const duration =
                    c.answeredAt === null
                      ? null
                      : (c.endedAt?.getTime() ?? now) - c.answeredAt.getTime();
                  return (
                    <tr
                      key={c.id}
                      data-testid="call-row"
                      data-call-id={c.callId}
                      data-direction={c.direction}
                      data-reason={c.endReason ?? ""}
                    >
                      <td className={`${tdClass} whitespace-nowrap text-neutral-300`}>
                        {formatDateTime(c.startedAt)}
                      </td>
                      <td className={tdClass}>
                        {c.direction === "outbound" ? (
                          <Badge tone="violet">out</Badge>
                        ) : (
                          <Badge tone="sky">in</Badge>
                        )}
                      </td>
                      <td className={`${tdClass} font-mono text-xs`}>{c.fromNumber}</td>
                      <td className={`${tdClass} font-mono text-xs`}>{c.toNumber}</td>
                      <td className={tdClass}>
                        {c.roomSlug ? (
                          <Link
                            href={`/admin/rooms/${c.roomSlug}`}
                            className="font-mono text-xs text-sky-300 hover:underline"
                          >
                            {c.roomSlug}
                          </Link>
                        ) : (
                          <span className="text-neutral-500">—</span>
                        )}
                      </td>
                      <td className={`${tdClass} text-neutral-300`}>{c.trunk ?? "—"}</td>
                      <td
                        className={`${tdClass} tabular-nums text-neutral-300`}
                        data-testid="call-duration"
                      >
                        {duration === null ? "—" : formatDuration(duration)}
                      </td>
                      <td className={tdClass} data-testid="call-outcome">
                        <Badge
                          tone={
                            c.endReason === null
                              ? "green"
                              : isFailure(c.endReason)
                                ? "red"
                                : "neutral"
                          }
                          title={c.endReason ?? undefined}
                        >
                          {endReasonText(c.endReason, answered)}
                        </Badge>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Card>
    </>
  );
}
