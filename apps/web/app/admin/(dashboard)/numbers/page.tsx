import { listNumbers, listRooms, listTrunks } from "@switchboard/db";
import type { Metadata } from "next";
import Link from "next/link";
import { deleteNumberAction } from "@/app/admin/actions/telephony";
import { ActionButton } from "@/components/admin/ActionButton";
import { NumberForm } from "@/components/admin/NumberForm";
import {
  Badge,
  Card,
  PageHeader,
  TableWrap,
  tableClass,
  tdClass,
  thClass,
} from "@/components/admin/ui";
import { formatDateTime } from "@/lib/admin/format";
import { requireAdminPage } from "@/lib/admin/session";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Phone numbers" };

export default async function NumbersPage() {
  const session = await requireAdminPage();
  const db = getDb();
  const [numbers, rooms, trunks] = await Promise.all([
    listNumbers(db),
    listRooms(db),
    listTrunks(db),
  ]);
  return (
    <>
      <PageHeader
        title="Phone numbers"
        description="Numbers (DIDs) that ring the gateway: straight into a room, or the general number that asks callers for a meeting PIN."
      />
      <Card id="add-number" title="Add a number" className="mb-6">
        <NumberForm
          csrf={session.csrfToken}
          rooms={rooms.map((r) => ({ slug: r.slug, name: r.name }))}
          trunks={trunks.map((t) => t.name)}
        />
      </Card>
      <Card
        id="numbers"
        title="Numbers"
        description={`${numbers.length} number${numbers.length === 1 ? "" : "s"}`}
      >
        {numbers.length === 0 ? (
          <p className="py-6 text-center text-sm text-neutral-400">No phone numbers yet.</p>
        ) : (
          <TableWrap>
            <table className={tableClass}>
              <thead>
                <tr>
                  <th className={thClass}>Number</th>
                  <th className={thClass}>Callers reach</th>
                  <th className={thClass}>Trunk</th>
                  <th className={thClass}>Label</th>
                  <th className={thClass}>Added</th>
                  <th className={`${thClass} text-right`}>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {numbers.map((n) => (
                  <tr key={n.id} data-testid="number-row" data-number={n.number}>
                    <td className={`${tdClass} font-mono`}>{n.number}</td>
                    <td className={tdClass}>
                      {n.room ? (
                        <Link
                          href={`/admin/rooms/${n.room.slug}`}
                          className="text-sky-300 hover:underline"
                        >
                          {n.room.name}
                        </Link>
                      ) : (
                        <Badge tone="amber">PIN entry</Badge>
                      )}
                    </td>
                    <td className={tdClass}>{n.trunk?.name ?? "—"}</td>
                    <td className={`${tdClass} text-neutral-300`}>{n.label ?? "—"}</td>
                    <td className={`${tdClass} whitespace-nowrap text-neutral-300`}>
                      {formatDateTime(n.createdAt)}
                    </td>
                    <td className={`${tdClass} text-right`}>
                      <ActionButton
                        action={deleteNumberAction}
                        csrf={session.csrfToken}
                        fields={{ number: n.number }}
                        label="Remove"
                        confirm="Yes, remove"
                        variant="ghost"
                        testId="number-delete"
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Card>
    </>
  );
}
