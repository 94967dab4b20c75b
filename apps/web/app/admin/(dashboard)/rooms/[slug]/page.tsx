import { findRoomBySlug, listSessions, listTrunks, RoomSlugSchema } from "@switchboard/db";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { deleteRoomAction } from "@/app/admin/actions/rooms";
import { ActionButton } from "@/components/admin/ActionButton";
import { CopyField } from "@/components/admin/CopyButton";
import { LiveParticipants } from "@/components/admin/LiveParticipants";
import { ParticipantsChart } from "@/components/admin/ParticipantsChart";
import { PhoneCalls } from "@/components/admin/PhoneCalls";
import { RoomForm } from "@/components/admin/RoomForm";
import {
  Badge,
  Card,
  Notice,
  TableWrap,
  tableClass,
  tdClass,
  thClass,
} from "@/components/admin/ui";
import { formatDateTime, formatDuration } from "@/lib/admin/format";
import { toFormValues } from "@/lib/admin/forms";
import { fetchRoomCalls } from "@/lib/admin/gateway";
import { concurrencySeries, peakOf } from "@/lib/admin/history";
import { joinLinks } from "@/lib/admin/links";
import { requireAdminPage } from "@/lib/admin/session";
import { fetchLiveRoom } from "@/lib/admin/sfu";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ slug: string }>;
}

const loadRoom = cache(async (slug: string) =>
  RoomSlugSchema.safeParse(slug).success ? findRoomBySlug(getDb(), slug) : null,
);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const room = await loadRoom(slug);
  return { title: room ? room.name : "Room not found" };
}

const HISTORY_ROWS = 200;

export default async function AdminRoomPage({ params }: Props) {
  const session = await requireAdminPage();
  const { slug } = await params;
  const room = await loadRoom(slug);
  if (!room) notFound();
  const [sessions, live, links, calls, trunks] = await Promise.all([
    listSessions(getDb(), room.id),
    fetchLiveRoom(room.slug),
    joinLinks(room.slug, room.access),
    fetchRoomCalls(room.slug),
    listTrunks(getDb()),
  ]);
  const now = Date.now();
  const points = concurrencySeries(sessions, now);
  const recent = sessions.slice(-HISTORY_ROWS).reverse();
  const totalMs = sessions.reduce(
    (sum, s) => sum + ((s.leftAt?.getTime() ?? now) - s.joinedAt.getTime()),
    0,
  );
  const access = room.access === "token" ? "token" : "public";

  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link href="/admin" className="text-sm text-neutral-400 hover:text-neutral-100">
          ← Rooms
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="admin-room-title">
            {room.name}
          </h1>
          <span className="font-mono text-sm text-neutral-500">/r/{room.slug}</span>
          <div className="flex flex-wrap gap-1">
            {access === "token" ? <Badge tone="violet">token-only</Badge> : <Badge>public</Badge>}
            {room.locked ? <Badge tone="amber">locked</Badge> : null}
            {room.lobbyEnabled ? <Badge tone="sky">lobby</Badge> : null}
          </div>
        </div>
      </div>

      <Card
        id="links"
        title="Join links"
        description={
          links.expiresAt
            ? `Signed links are valid until ${formatDateTime(links.expiresAt)} (24 hours).`
            : undefined
        }
      >
        <dl className="flex flex-col gap-4">
          <div className="flex min-w-0 flex-col gap-1.5">
            <dt className="text-sm font-medium text-neutral-300">
              Room link{" "}
              {access === "token" ? (
                <span className="font-normal text-neutral-500">
                  (token-only: this alone does not let anyone in)
                </span>
              ) : null}
            </dt>
            <dd className="min-w-0">
              <CopyField
                value={links.plain}
                valueTestId="link-plain"
                buttonTestId="copy-link-plain"
              />
            </dd>
          </div>
          {links.guest ? (
            <div className="flex min-w-0 flex-col gap-1.5">
              <dt className="text-sm font-medium text-neutral-300">Guest invite link</dt>
              <dd className="min-w-0">
                <CopyField
                  value={links.guest}
                  valueTestId="link-guest"
                  buttonTestId="copy-link-guest"
                />
              </dd>
            </div>
          ) : null}
          {links.moderator ? (
            <div className="flex min-w-0 flex-col gap-1.5">
              <dt className="text-sm font-medium text-neutral-300">
                Moderator link{" "}
                <span className="font-normal text-neutral-500">
                  (can mute and remove, passes locks; keep it private)
                </span>
              </dt>
              <dd className="min-w-0">
                <CopyField
                  value={links.moderator}
                  valueTestId="link-moderator"
                  buttonTestId="copy-link-moderator"
                />
              </dd>
            </div>
          ) : null}
          {links.problem ? (
            <Notice tone="warning">Signed links are unavailable: {links.problem}.</Notice>
          ) : null}
        </dl>
      </Card>

      <Card id="live" title="Live participants">
        <LiveParticipants slug={room.slug} csrf={session.csrfToken} initial={live} />
      </Card>

      <Card
        id="phone"
        title="Call a phone"
        description="The phone gateway calls the number through a SIP trunk; whoever answers joins this room by audio."
      >
        <PhoneCalls
          slug={room.slug}
          csrf={session.csrfToken}
          trunks={trunks.filter((t) => t.enabled).map((t) => t.name)}
          initial={calls}
        />
      </Card>

      <Card
        id="history"
        title="History"
        description={
          sessions.length > 0
            ? `${sessions.length} visit${sessions.length === 1 ? "" : "s"} · peak ${peakOf(points)} at once · ${formatDuration(totalMs)} in total`
            : undefined
        }
      >
        <ParticipantsChart points={points} />
        {recent.length > 0 ? (
          <div className="mt-6">
            <TableWrap>
              <table className={tableClass} data-testid="session-history">
                <thead>
                  <tr>
                    <th className={thClass}>Who</th>
                    <th className={thClass}>Joined</th>
                    <th className={thClass}>Left</th>
                    <th className={thClass}>Stayed</th>
                  </tr>
                </thead>
                <tbody>
                  {recent.map((s) => (
                    <tr key={s.id} data-testid="session-row" data-name={s.displayName}>
                      <td className={tdClass}>
                        {s.displayName}{" "}
                        {s.role === "moderator" ? <Badge tone="violet">moderator</Badge> : null}
                      </td>
                      <td className={`${tdClass} whitespace-nowrap text-neutral-300`}>
                        {formatDateTime(s.joinedAt)}
                      </td>
                      <td className={`${tdClass} whitespace-nowrap text-neutral-300`}>
                        {s.leftAt ? formatDateTime(s.leftAt) : <Badge tone="green">still in</Badge>}
                      </td>
                      <td className={`${tdClass} tabular-nums text-neutral-300`}>
                        {formatDuration((s.leftAt?.getTime() ?? now) - s.joinedAt.getTime())}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            {sessions.length > HISTORY_ROWS ? (
              <p className="mt-2 text-xs text-neutral-500">
                The newest {HISTORY_ROWS} of {sessions.length} visits.
              </p>
            ) : null}
          </div>
        ) : null}
      </Card>

      <Card id="settings" title="Settings">
        <RoomForm
          csrf={session.csrfToken}
          originalSlug={room.slug}
          initial={toFormValues(room)}
          followRename
        />
        <div className="mt-6 flex flex-wrap items-center justify-between gap-3 border-t border-neutral-800 pt-4">
          <p className="text-sm text-neutral-400">
            Deleting the room ends it for everyone in it and removes its history.
          </p>
          <ActionButton
            action={deleteRoomAction}
            csrf={session.csrfToken}
            fields={{ slug: room.slug, after: "list" }}
            label="Delete room"
            confirm="Yes, delete it"
            variant="secondary"
            testId="admin-room-delete"
          />
        </div>
      </Card>
    </div>
  );
}
