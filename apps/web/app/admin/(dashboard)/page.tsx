import { listRooms } from "@switchboard/db";
import type { Metadata } from "next";
import { RoomForm } from "@/components/admin/RoomForm";
import { RoomRow, type RoomRowData } from "@/components/admin/RoomRow";
import {
  Card,
  inputClass,
  Notice,
  PageHeader,
  TableWrap,
  tableClass,
  thClass,
} from "@/components/admin/ui";
import { buttonClass } from "@/components/Button";
import { formatDateTime } from "@/lib/admin/format";
import { requireAdminPage } from "@/lib/admin/session";
import { fetchLiveRooms } from "@/lib/admin/sfu";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Rooms" };

export default async function AdminRoomsPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[] }>;
}) {
  const session = await requireAdminPage();
  const { q } = await searchParams;
  const search = typeof q === "string" ? q.trim().slice(0, 100) : "";
  const [rooms, live] = await Promise.all([listRooms(getDb(), search), fetchLiveRooms()]);
  const liveBySlug = new Map(live.ok ? live.rooms.map((r) => [r.slug, r.participants]) : []);
  const liveTotal = live.ok ? live.rooms.reduce((n, r) => n + r.participants, 0) : 0;
  const rows: RoomRowData[] = rooms.map((room) => ({
    slug: room.slug,
    name: room.name,
    access: room.access === "token" ? "token" : "public",
    locked: room.locked,
    lobbyEnabled: room.lobbyEnabled,
    maxParticipants: room.maxParticipants,
    pin: room.pin,
    createdAt: formatDateTime(room.createdAt),
    live: live.ok ? (liveBySlug.get(room.slug) ?? 0) : null,
  }));

  return (
    <>
      <PageHeader
        title="Rooms"
        description={
          live.ok
            ? `${live.rooms.length} live room${live.rooms.length === 1 ? "" : "s"}, ${liveTotal} participant${liveTotal === 1 ? "" : "s"} right now.`
            : "Every room, its settings and who is in it."
        }
      />
      {!live.ok ? (
        <div className="mb-6" data-testid="sfu-unreachable">
          <Notice tone="warning">
            Media server unreachable: live participant counts are unavailable
            {live.error === "the media server is unreachable" ? "" : ` (${live.error})`}. The rooms
            below come from the database.
          </Notice>
        </div>
      ) : null}

      <Card id="create-room" title="Create a room" className="mb-6">
        <RoomForm csrf={session.csrfToken} />
      </Card>

      <Card
        id="rooms"
        title={search ? `Rooms matching “${search}”` : "All rooms"}
        description={`${rows.length} room${rows.length === 1 ? "" : "s"}${rows.length === 500 ? " (first 500)" : ""}`}
        actions={
          <form method="get" action="/admin" className="flex gap-2">
            <label htmlFor="room-search" className="sr-only">
              Search rooms
            </label>
            <input
              id="room-search"
              type="search"
              name="q"
              data-testid="room-search"
              defaultValue={search}
              placeholder="Search name or link"
              className={inputClass(false, "w-56")}
            />
            <button type="submit" className={buttonClass("secondary", "py-2")}>
              Search
            </button>
          </form>
        }
      >
        {rows.length === 0 ? (
          <p className="py-6 text-center text-sm text-neutral-400" data-testid="admin-rooms-empty">
            {search ? "No room matches this search." : "No rooms yet: create one above."}
          </p>
        ) : (
          <TableWrap>
            <table className={tableClass}>
              <thead>
                <tr>
                  <th className={thClass}>Room</th>
                  <th className={thClass}>Access</th>
                  <th className={thClass}>Max</th>
                  <th className={thClass}>Live</th>
                  <th className={thClass}>Created</th>
                  <th className={`${thClass} text-right`}>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((room) => (
                  <RoomRow key={room.slug} room={room} csrf={session.csrfToken} />
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Card>
    </>
  );
}
