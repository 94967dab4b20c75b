import { listWebhookDeliveries, listWebhookEndpoints, WEBHOOK_EVENT_TYPES } from "@switchboard/db";
import type { Metadata } from "next";
import { deleteWebhookAction, setWebhookEnabledAction } from "@/app/admin/actions/webhooks";
import { ActionButton } from "@/components/admin/ActionButton";
import { CopyField } from "@/components/admin/CopyButton";
import { CreateWebhookForm } from "@/components/admin/CreateWebhookForm";
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
export const metadata: Metadata = { title: "Webhooks" };

const STATUS_TONE = { succeeded: "green", failed: "red", pending: "amber" } as const;

export default async function WebhooksPage() {
  const session = await requireAdminPage();
  const db = getDb();
  const [endpoints, deliveries] = await Promise.all([
    listWebhookEndpoints(db),
    listWebhookDeliveries(db, undefined, 100),
  ]);
  const urlOf = new Map(endpoints.map((e) => [e.id, e.url]));
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Room and participant events are POSTed to these URLs, signed with each endpoint's secret (Standard Webhooks), and retried with backoff."
      />
      <Card id="add-webhook" title="Add an endpoint" className="mb-6">
        <CreateWebhookForm csrf={session.csrfToken} eventTypes={[...WEBHOOK_EVENT_TYPES]} />
      </Card>

      <Card
        id="endpoints"
        title="Endpoints"
        description={`${endpoints.length} endpoint${endpoints.length === 1 ? "" : "s"}`}
        className="mb-6"
      >
        {endpoints.length === 0 ? (
          <p className="py-6 text-center text-sm text-neutral-400">No endpoints yet.</p>
        ) : (
          <ul className="flex flex-col divide-y divide-neutral-800">
            {endpoints.map((endpoint) => (
              <li
                key={endpoint.id}
                data-testid="webhook-row"
                data-url={endpoint.url}
                data-enabled={endpoint.enabled ? "true" : "false"}
                className="flex flex-col gap-3 py-3 first:pt-0 last:pb-0"
              >
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0">
                    <p className="font-mono text-sm break-all">{endpoint.url}</p>
                    <div className="mt-1 flex flex-wrap items-center gap-1">
                      {endpoint.enabled ? (
                        <Badge tone="green">enabled</Badge>
                      ) : (
                        <Badge>disabled</Badge>
                      )}
                      {endpoint.events === "*" ? (
                        <Badge tone="sky">all events</Badge>
                      ) : (
                        endpoint.events.split(",").map((e) => (
                          <Badge key={e} tone="sky">
                            {e}
                          </Badge>
                        ))
                      )}
                      <span className="text-xs text-neutral-500">
                        added {formatDateTime(endpoint.createdAt)}
                      </span>
                    </div>
                  </div>
                  <div className="flex items-start gap-1">
                    <ActionButton
                      action={setWebhookEnabledAction}
                      csrf={session.csrfToken}
                      fields={{ id: endpoint.id, enabled: endpoint.enabled ? "false" : "true" }}
                      label={endpoint.enabled ? "Disable" : "Enable"}
                      variant="ghost"
                      testId="webhook-toggle"
                    />
                    <ActionButton
                      action={deleteWebhookAction}
                      csrf={session.csrfToken}
                      fields={{ id: endpoint.id }}
                      label="Delete"
                      confirm="Yes, delete"
                      variant="ghost"
                      testId="webhook-delete"
                    />
                  </div>
                </div>
                <details className="group text-sm">
                  <summary className="cursor-pointer text-neutral-400 select-none hover:text-neutral-200">
                    Signing secret
                  </summary>
                  <div className="mt-2 max-w-2xl">
                    <CopyField value={endpoint.secret} />
                  </div>
                </details>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card
        id="deliveries"
        title="Delivery log"
        description={deliveries.length === 100 ? "The newest 100 deliveries." : "Newest first."}
      >
        {deliveries.length === 0 ? (
          <p className="py-6 text-center text-sm text-neutral-400">No deliveries yet.</p>
        ) : (
          <TableWrap>
            <table className={tableClass}>
              <thead>
                <tr>
                  <th className={thClass}>Time</th>
                  <th className={thClass}>Event</th>
                  <th className={thClass}>Endpoint</th>
                  <th className={thClass}>Status</th>
                  <th className={thClass}>Attempts</th>
                  <th className={thClass}>Last response</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id} data-testid="webhook-delivery" data-status={d.status}>
                    <td className={`${tdClass} whitespace-nowrap text-neutral-300`}>
                      {formatDateTime(d.createdAt)}
                    </td>
                    <td className={`${tdClass} font-mono text-xs`}>{d.eventType}</td>
                    <td
                      className={`${tdClass} max-w-56 truncate font-mono text-xs text-neutral-400`}
                    >
                      {urlOf.get(d.endpointId) ?? "—"}
                    </td>
                    <td className={tdClass}>
                      <Badge
                        tone={STATUS_TONE[d.status as keyof typeof STATUS_TONE] ?? "neutral"}
                        title={
                          d.status === "succeeded" && d.deliveredAt
                            ? `Delivered ${formatDateTime(d.deliveredAt)}`
                            : d.status === "pending"
                              ? `Next attempt ${formatDateTime(d.nextAttemptAt)}`
                              : undefined
                        }
                      >
                        {d.status}
                      </Badge>
                    </td>
                    <td className={`${tdClass} tabular-nums`}>{d.attempts}</td>
                    <td className={`${tdClass} max-w-72 text-xs`}>
                      {d.lastStatusCode !== null ? (
                        <span className="font-mono">HTTP {d.lastStatusCode}</span>
                      ) : null}
                      {d.lastError ? (
                        <span className="block truncate text-red-300" title={d.lastError}>
                          {d.lastError}
                        </span>
                      ) : null}
                      {d.lastStatusCode === null && !d.lastError ? (
                        <span className="text-neutral-500">—</span>
                      ) : null}
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
