import { listApiKeys } from "@switchboard/db";
import type { Metadata } from "next";
import { revokeApiKeyAction } from "@/app/admin/actions/apiKeys";
import { ActionButton } from "@/components/admin/ActionButton";
import { CreateApiKeyForm } from "@/components/admin/CreateApiKeyForm";
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
export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const session = await requireAdminPage();
  const keys = await listApiKeys(getDb());
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys for the REST API (<code className="font-mono">/api/v1</code>). Only a hash is
            stored: a key is shown once, when it is created.
          </>
        }
      />
      <Card id="create-key" title="Create a key" className="mb-6">
        <CreateApiKeyForm csrf={session.csrfToken} />
      </Card>
      <Card
        id="keys"
        title="Keys"
        description={`${keys.length} key${keys.length === 1 ? "" : "s"}`}
      >
        {keys.length === 0 ? (
          <p className="py-6 text-center text-sm text-neutral-400">No API keys yet.</p>
        ) : (
          <TableWrap>
            <table className={tableClass}>
              <thead>
                <tr>
                  <th className={thClass}>Name</th>
                  <th className={thClass}>Key</th>
                  <th className={thClass}>Created</th>
                  <th className={thClass}>Last used</th>
                  <th className={thClass}>Status</th>
                  <th className={`${thClass} text-right`}>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr
                    key={key.id}
                    data-testid="api-key-row"
                    data-name={key.name}
                    data-revoked={key.revokedAt ? "true" : "false"}
                    className={key.revokedAt ? "text-neutral-500" : ""}
                  >
                    <td className={`${tdClass} font-medium`}>{key.name}</td>
                    <td className={`${tdClass} font-mono text-xs`}>{key.prefix}…</td>
                    <td className={`${tdClass} whitespace-nowrap`}>
                      {formatDateTime(key.createdAt)}
                    </td>
                    <td className={`${tdClass} whitespace-nowrap`}>
                      {key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "never"}
                    </td>
                    <td className={tdClass}>
                      {key.revokedAt ? (
                        <Badge tone="red" title={`Revoked ${formatDateTime(key.revokedAt)}`}>
                          revoked {formatDateTime(key.revokedAt)}
                        </Badge>
                      ) : (
                        <Badge tone="green">active</Badge>
                      )}
                    </td>
                    <td className={`${tdClass} text-right`}>
                      {key.revokedAt ? null : (
                        <ActionButton
                          action={revokeApiKeyAction}
                          csrf={session.csrfToken}
                          fields={{ id: key.id }}
                          label="Revoke"
                          confirm="Yes, revoke"
                          variant="ghost"
                          testId="api-key-revoke"
                        />
                      )}
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
