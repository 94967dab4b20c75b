import { listTrunks } from "@switchboard/db";
import type { Metadata } from "next";
import { deleteTrunkAction, toggleTrunkAction } from "@/app/admin/actions/telephony";
import { ActionButton } from "@/components/admin/ActionButton";
import { TrunkForm } from "@/components/admin/TrunkForm";
import { Badge, Card, PageHeader } from "@/components/admin/ui";
import { formatDateTime } from "@/lib/admin/format";
import { requireAdminPage } from "@/lib/admin/session";
import { toTrunkFormValues } from "@/lib/admin/telephony";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "SIP trunks" };

export default async function TrunksPage() {
  const session = await requireAdminPage();
  const trunks = await listTrunks(getDb());
  return (
    <>
      <PageHeader
        title="SIP trunks"
        description="The SIP servers (a provider's or your PBX) the phone gateway calls out through and can register with. Passwords are stored encrypted and never shown again."
      />
      <Card id="add-trunk" title="Add a trunk" className="mb-6">
        <TrunkForm csrf={session.csrfToken} />
      </Card>
      <Card
        id="trunks"
        title="Trunks"
        description={`${trunks.length} trunk${trunks.length === 1 ? "" : "s"}${trunks.length > 1 ? " · calls without a chosen trunk go through the first enabled one" : ""}`}
      >
        {trunks.length === 0 ? (
          <p className="py-6 text-center text-sm text-neutral-400">No trunks yet.</p>
        ) : (
          <ul className="flex flex-col divide-y divide-neutral-800">
            {trunks.map((trunk) => (
              <li
                key={trunk.id}
                data-testid="trunk-row"
                data-name={trunk.name}
                data-enabled={trunk.enabled ? "true" : "false"}
                data-register={trunk.register ? "true" : "false"}
                className="flex flex-col gap-3 py-3 first:pt-0 last:pb-0"
              >
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-baseline gap-2">
                      <span className="font-medium">{trunk.name}</span>
                      <span className="font-mono text-sm text-neutral-400">
                        {trunk.host}:{trunk.port} ({trunk.transport.toUpperCase()})
                      </span>
                    </p>
                    <div className="mt-1 flex flex-wrap items-center gap-1">
                      {trunk.enabled ? (
                        <Badge tone="green">enabled</Badge>
                      ) : (
                        <Badge>disabled</Badge>
                      )}
                      {trunk.register ? (
                        <Badge tone="sky">registers every {trunk.registerExpires} s</Badge>
                      ) : (
                        <Badge>no registration</Badge>
                      )}
                      <Badge tone={trunk.username ? "violet" : "neutral"}>
                        user {trunk.username ?? "—"}
                      </Badge>
                      <span data-testid="trunk-password-state">
                        <Badge tone={trunk.hasPassword ? "violet" : "neutral"}>
                          password {trunk.hasPassword ? "set" : "not set"}
                        </Badge>
                      </span>
                      {trunk.fromNumber ? <Badge>caller id {trunk.fromNumber}</Badge> : null}
                      <span className="text-xs text-neutral-500">
                        added {formatDateTime(trunk.createdAt)}
                      </span>
                    </div>
                  </div>
                  <div className="flex flex-wrap items-start gap-1">
                    <ActionButton
                      action={toggleTrunkAction}
                      csrf={session.csrfToken}
                      fields={{
                        name: trunk.name,
                        field: "register",
                        value: trunk.register ? "false" : "true",
                      }}
                      label={trunk.register ? "Stop registering" : "Register"}
                      variant="ghost"
                      testId="trunk-toggle-register"
                    />
                    <ActionButton
                      action={toggleTrunkAction}
                      csrf={session.csrfToken}
                      fields={{
                        name: trunk.name,
                        field: "enabled",
                        value: trunk.enabled ? "false" : "true",
                      }}
                      label={trunk.enabled ? "Disable" : "Enable"}
                      variant="ghost"
                      testId="trunk-toggle-enabled"
                    />
                    <ActionButton
                      action={deleteTrunkAction}
                      csrf={session.csrfToken}
                      fields={{ name: trunk.name }}
                      label="Delete"
                      confirm="Yes, delete"
                      variant="ghost"
                      testId="trunk-delete"
                    />
                  </div>
                </div>
                <details className="text-sm">
                  <summary
                    className="cursor-pointer text-neutral-400 select-none hover:text-neutral-200"
                    data-testid="trunk-edit-toggle"
                  >
                    Edit
                  </summary>
                  <div className="mt-3">
                    <TrunkForm
                      csrf={session.csrfToken}
                      originalName={trunk.name}
                      initial={toTrunkFormValues(trunk)}
                    />
                  </div>
                </details>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
