"use client";

import { useActionState, useId } from "react";
import { createNumberAction } from "@/app/admin/actions/telephony";
import { Button } from "@/components/Button";
import { Spinner } from "@/components/Icons";
import {
  EMPTY_NUMBER_VALUES,
  type NumberFormState,
  type NumberFormValues,
} from "@/lib/admin/telephony";
import { CsrfField, FieldError, inputClass, labelClass, Notice } from "./ui";

/** Adds a phone number (DID): into a room, or the general number that asks for a PIN. */
export function NumberForm({
  csrf,
  rooms,
  trunks,
}: {
  csrf: string;
  rooms: Array<{ slug: string; name: string }>;
  trunks: string[];
}) {
  const [state, action, pending] = useActionState<NumberFormState, FormData>(createNumberAction, {
    status: "idle",
    message: null,
    fieldErrors: {},
    values: EMPTY_NUMBER_VALUES,
    nonce: 0,
  });
  const id = useId();
  const values = state.status === "saved" ? EMPTY_NUMBER_VALUES : state.values;
  const err = (field: keyof NumberFormValues) => state.fieldErrors[field];
  return (
    <form key={state.nonce} action={action} noValidate className="flex flex-col gap-4">
      <CsrfField token={csrf} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-number`} className={labelClass}>
            Number
          </label>
          <input
            id={`${id}-number`}
            name="number"
            data-testid="number-number"
            defaultValue={values.number}
            inputMode="tel"
            autoComplete="off"
            placeholder="+4930123456"
            aria-invalid={err("number") ? true : undefined}
            aria-describedby={err("number") ? `${id}-number-error` : undefined}
            className={inputClass(!!err("number"), "font-mono")}
          />
          <FieldError id={`${id}-number-error`}>{err("number")}</FieldError>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-room`} className={labelClass}>
            Callers reach
          </label>
          <select
            id={`${id}-room`}
            name="room"
            data-testid="number-room"
            defaultValue={values.room}
            aria-invalid={err("room") ? true : undefined}
            className={inputClass(!!err("room"))}
          >
            <option value="">PIN entry (asks for a meeting PIN)</option>
            {rooms.map((r) => (
              <option key={r.slug} value={r.slug}>
                {r.name} (/r/{r.slug})
              </option>
            ))}
          </select>
          <FieldError id={`${id}-room-error`}>{err("room")}</FieldError>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-trunk`} className={labelClass}>
            Trunk <span className="font-normal text-neutral-500">(optional)</span>
          </label>
          <select
            id={`${id}-trunk`}
            name="trunk"
            data-testid="number-trunk"
            defaultValue={values.trunk}
            className={inputClass(!!err("trunk"))}
          >
            <option value="">None</option>
            {trunks.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-trunk-error`}>{err("trunk")}</FieldError>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-label`} className={labelClass}>
            Label <span className="font-normal text-neutral-500">(optional)</span>
          </label>
          <input
            id={`${id}-label`}
            name="label"
            data-testid="number-label"
            defaultValue={values.label}
            maxLength={80}
            placeholder="Sales hotline"
            className={inputClass(!!err("label"))}
          />
          <FieldError id={`${id}-label-error`}>{err("label")}</FieldError>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" data-testid="number-save" disabled={pending}>
          {pending ? <Spinner /> : null}
          Add number
        </Button>
        {state.message ? (
          <div className="min-w-0 flex-1" data-testid="number-message">
            <Notice tone={state.status === "saved" ? "success" : "error"}>{state.message}</Notice>
          </div>
        ) : null}
      </div>
    </form>
  );
}
