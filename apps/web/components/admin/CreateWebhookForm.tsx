"use client";

import { useActionState, useId, useState } from "react";
import { type CreateWebhookState, createWebhookAction } from "@/app/admin/actions/webhooks";
import { Button } from "@/components/Button";
import { Spinner } from "@/components/Icons";
import { CopyField } from "./CopyButton";
import { CsrfField, checkboxClass, FieldError, inputClass, labelClass, Notice } from "./ui";

const INITIAL: CreateWebhookState = {
  secret: null,
  url: "",
  events: ["*"],
  error: null,
  fieldErrors: {},
  nonce: 0,
};

/** URL + events → a new endpoint; its signing secret is shown right after. */
export function CreateWebhookForm({ csrf, eventTypes }: { csrf: string; eventTypes: string[] }) {
  const [state, action, pending] = useActionState(createWebhookAction, INITIAL);
  const id = useId();
  const created = state.secret !== null;
  const defaults = created ? INITIAL : state;
  return (
    <div className="flex flex-col gap-4">
      <WebhookFields
        key={state.nonce}
        action={action}
        csrf={csrf}
        id={id}
        url={defaults.url}
        events={defaults.events}
        fieldErrors={created ? {} : state.fieldErrors}
        pending={pending}
        eventTypes={eventTypes}
      />
      {state.error && !created && !state.fieldErrors.url && !state.fieldErrors.events ? (
        <Notice tone="error">{state.error}</Notice>
      ) : null}
      {created && state.secret ? (
        <div
          data-testid="webhook-created"
          className="flex flex-col gap-2 rounded-xl border border-emerald-500/30 bg-emerald-500/5 p-4"
        >
          <p className="text-sm font-medium text-emerald-200">
            Endpoint added for <span className="font-mono">{state.url}</span>. Its signing secret
            (verify the <code className="font-mono">webhook-signature</code> header with it):
          </p>
          <CopyField
            value={state.secret}
            valueTestId="webhook-secret"
            buttonTestId="webhook-secret-copy"
          />
        </div>
      ) : null}
    </div>
  );
}

function WebhookFields({
  action,
  csrf,
  id,
  url,
  events,
  fieldErrors,
  pending,
  eventTypes,
}: {
  eventTypes: string[];
  action: (form: FormData) => void;
  csrf: string;
  id: string;
  url: string;
  events: string[];
  fieldErrors: CreateWebhookState["fieldErrors"];
  pending: boolean;
}) {
  const [all, setAll] = useState(events.includes("*"));
  return (
    <form action={action} noValidate className="flex flex-col gap-4">
      <CsrfField token={csrf} />
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-url`} className={labelClass}>
          Endpoint URL
        </label>
        <input
          id={`${id}-url`}
          name="url"
          type="url"
          data-testid="webhook-url"
          defaultValue={url}
          placeholder="https://example.com/hooks/switchboard"
          spellCheck={false}
          aria-invalid={fieldErrors.url ? true : undefined}
          aria-describedby={fieldErrors.url ? `${id}-url-error` : undefined}
          className={inputClass(!!fieldErrors.url, "font-mono")}
        />
        <FieldError id={`${id}-url-error`}>{fieldErrors.url}</FieldError>
      </div>
      <fieldset aria-describedby={fieldErrors.events ? `${id}-events-error` : undefined}>
        <legend className={labelClass}>Events</legend>
        <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
          <label className="inline-flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="events"
              value="*"
              data-testid="webhook-event-all"
              checked={all}
              onChange={(e) => setAll(e.target.checked)}
              className={checkboxClass}
            />
            All events
          </label>
          {eventTypes.map((type) => (
            <label
              key={type}
              className={`inline-flex items-center gap-2 text-sm ${all ? "text-neutral-500" : ""}`}
            >
              <input
                type="checkbox"
                name="events"
                value={type}
                data-testid={`webhook-event-${type}`}
                defaultChecked={events.includes(type)}
                disabled={all}
                className={checkboxClass}
              />
              <code className="font-mono text-xs">{type}</code>
            </label>
          ))}
        </div>
        <FieldError id={`${id}-events-error`}>{fieldErrors.events}</FieldError>
      </fieldset>
      <div>
        <Button type="submit" variant="primary" data-testid="webhook-create" disabled={pending}>
          {pending ? <Spinner /> : null}
          Add endpoint
        </Button>
      </div>
    </form>
  );
}
