"use client";

import { useActionState, useId } from "react";
import { saveTrunkAction } from "@/app/admin/actions/telephony";
import { Button } from "@/components/Button";
import { Spinner } from "@/components/Icons";
import {
  EMPTY_TRUNK_VALUES,
  type TrunkField,
  type TrunkFormState,
  type TrunkFormValues,
} from "@/lib/admin/telephony";
import { CsrfField, checkboxClass, FieldError, inputClass, labelClass, Notice } from "./ui";

/**
 * Adds a SIP trunk (no `originalName`) or edits one. The password field is write-only: it
 * is never filled in; blank keeps the stored password. Test ids: `<prefix>-name`, `-host`,
 * `-port`, `-transport`, `-username`, `-password`, `-clear-password`, `-from`, `-expires`,
 * `-register`, `-enabled`, `-save`, `-message` (prefix "trunk" or "trunk-edit").
 */
export function TrunkForm({
  csrf,
  originalName,
  initial = EMPTY_TRUNK_VALUES,
  testIdPrefix = originalName ? "trunk-edit" : "trunk",
}: {
  csrf: string;
  originalName?: string;
  initial?: TrunkFormValues;
  testIdPrefix?: string;
}) {
  const [state, action, pending] = useActionState<TrunkFormState, FormData>(saveTrunkAction, {
    status: "idle",
    message: null,
    fieldErrors: {},
    values: initial,
    nonce: 0,
  });
  const id = useId();
  const editing = originalName !== undefined;
  const values = state.status === "saved" && !editing ? initial : state.values;
  const err = (field: TrunkField) => state.fieldErrors[field];
  const t = (name: string) => `${testIdPrefix}-${name}`;
  const describe = (field: TrunkField) => (err(field) ? `${id}-${field}-error` : undefined);
  const text = (
    field: TrunkField,
    label: string,
    props: {
      testId: string;
      value: string;
      placeholder?: string;
      mono?: boolean;
      type?: string;
      hint?: string;
      autoComplete?: string;
    },
  ) => (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={`${id}-${field}`} className={labelClass}>
        {label}
        {props.hint ? <span className="font-normal text-neutral-500"> {props.hint}</span> : null}
      </label>
      <input
        id={`${id}-${field}`}
        name={field}
        type={props.type ?? "text"}
        data-testid={t(props.testId)}
        defaultValue={props.value}
        placeholder={props.placeholder}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete={props.autoComplete ?? "off"}
        aria-invalid={err(field) ? true : undefined}
        aria-describedby={describe(field)}
        className={inputClass(!!err(field), props.mono ? "font-mono" : "")}
      />
      <FieldError id={`${id}-${field}-error`}>{err(field)}</FieldError>
    </div>
  );

  return (
    <form key={state.nonce} action={action} noValidate className="flex flex-col gap-4">
      <CsrfField token={csrf} />
      {editing ? <input type="hidden" name="originalName" value={originalName} /> : null}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {text("name", "Name", { testId: "name", value: values.name, placeholder: "carrier" })}
        {text("host", "Host", {
          testId: "host",
          value: values.host,
          placeholder: "sip.provider.example",
          mono: true,
        })}
        <div className="grid grid-cols-2 gap-3">
          {text("port", "Port", { testId: "port", value: values.port, mono: true })}
          <div className="flex flex-col gap-1.5">
            <label htmlFor={`${id}-transport`} className={labelClass}>
              Transport
            </label>
            <select
              id={`${id}-transport`}
              name="transport"
              data-testid={t("transport")}
              defaultValue={values.transport}
              className={inputClass(!!err("transport"))}
            >
              <option value="udp">UDP</option>
              <option value="tcp">TCP</option>
            </select>
            <FieldError id={`${id}-transport-error`}>{err("transport")}</FieldError>
          </div>
        </div>
        {text("username", "Username", {
          testId: "username",
          value: values.username,
          hint: "(optional)",
        })}
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-password`} className={labelClass}>
            Password{" "}
            <span className="font-normal text-neutral-500" data-testid={t("password-state")}>
              {values.hasPassword ? "(set; leave blank to keep)" : "(not set)"}
            </span>
          </label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            data-testid={t("password")}
            autoComplete="new-password"
            defaultValue=""
            aria-invalid={err("password") ? true : undefined}
            aria-describedby={describe("password")}
            className={inputClass(!!err("password"))}
          />
          <FieldError id={`${id}-password-error`}>{err("password")}</FieldError>
          {editing && values.hasPassword ? (
            <label className="inline-flex items-center gap-2 text-xs text-neutral-400">
              <input
                type="checkbox"
                name="clearPassword"
                data-testid={t("clear-password")}
                className={checkboxClass}
              />
              Remove the stored password
            </label>
          ) : null}
        </div>
        {text("fromNumber", "Caller id", {
          testId: "from",
          value: values.fromNumber,
          placeholder: "+4930123456",
          mono: true,
          hint: "(for calls out)",
        })}
        {text("registerExpires", "Registration interval", {
          testId: "expires",
          value: values.registerExpires,
          hint: "(seconds)",
          mono: true,
        })}
        <fieldset className="flex flex-col justify-end gap-2 pb-1">
          <legend className="sr-only">Options</legend>
          <label className="inline-flex items-center gap-2 text-sm text-neutral-200">
            <input
              type="checkbox"
              name="register"
              data-testid={t("register")}
              defaultChecked={values.register}
              className={checkboxClass}
            />
            Register <span className="text-neutral-500">(needs username and password)</span>
          </label>
          <label className="inline-flex items-center gap-2 text-sm text-neutral-200">
            <input
              type="checkbox"
              name="enabled"
              data-testid={t("enabled")}
              defaultChecked={values.enabled}
              className={checkboxClass}
            />
            Enabled
          </label>
          <FieldError id={`${id}-register-error`}>{err("register")}</FieldError>
        </fieldset>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" data-testid={t("save")} disabled={pending}>
          {pending ? <Spinner /> : null}
          {editing ? "Save trunk" : "Add trunk"}
        </Button>
        {state.message ? (
          <div className="min-w-0 flex-1" data-testid={t("message")}>
            <Notice tone={state.status === "saved" ? "success" : "error"}>{state.message}</Notice>
          </div>
        ) : null}
      </div>
    </form>
  );
}
