"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useId } from "react";
import { saveRoomAction } from "@/app/admin/actions/rooms";
import { Button } from "@/components/Button";
import { Spinner } from "@/components/Icons";
import {
  EMPTY_ROOM_VALUES,
  type RoomField,
  type RoomFormState,
  type RoomFormValues,
} from "@/lib/admin/forms";
import { CsrfField, checkboxClass, FieldError, inputClass, labelClass, Notice } from "./ui";

/**
 * Creates a room (no `originalSlug`) or edits one. Test ids: `<prefix>-name`, `-slug`,
 * `-access`, `-max`, `-pin`, `-locked`, `-lobby`, `-save`, `-message` (prefix "admin-room"
 * for the create form, "admin-room-edit" for edit forms).
 */
export function RoomForm({
  csrf,
  originalSlug,
  initial = EMPTY_ROOM_VALUES,
  testIdPrefix = originalSlug ? "admin-room-edit" : "admin-room",
  onSaved,
  followRename = false,
  onCancel,
}: {
  csrf: string;
  originalSlug?: string;
  initial?: RoomFormValues;
  testIdPrefix?: string;
  onSaved?: (slug: string) => void;
  /** After a slug change, go to the room's new dashboard page. */
  followRename?: boolean;
  onCancel?: () => void;
}) {
  const router = useRouter();
  const [state, action, pending] = useActionState<RoomFormState, FormData>(saveRoomAction, {
    status: "idle",
    message: null,
    fieldErrors: {},
    values: initial,
    slug: null,
    nonce: 0,
  });
  const id = useId();
  const editing = originalSlug !== undefined;

  useEffect(() => {
    if (state.status !== "saved" || !state.slug) return;
    onSaved?.(state.slug);
    if (followRename && editing && state.slug !== originalSlug) {
      router.replace(`/admin/rooms/${state.slug}`);
    }
  }, [state, onSaved, followRename, editing, originalSlug, router]);

  // After a create, start over with empty fields; otherwise keep what was typed / saved.
  const values = state.status === "saved" && !editing ? initial : state.values;
  const err = (field: RoomField) => state.fieldErrors[field];
  const t = (name: string) => `${testIdPrefix}-${name}`;
  const describe = (field: RoomField) => (err(field) ? `${id}-${field}-error` : undefined);

  return (
    <form key={state.nonce} action={action} noValidate className="flex flex-col gap-4">
      <CsrfField token={csrf} />
      {editing ? <input type="hidden" name="originalSlug" value={originalSlug} /> : null}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-name`} className={labelClass}>
            Name
          </label>
          <input
            id={`${id}-name`}
            name="name"
            data-testid={t("name")}
            defaultValue={values.name}
            maxLength={80}
            required
            placeholder="Weekly sync"
            aria-invalid={err("name") ? true : undefined}
            aria-describedby={describe("name")}
            className={inputClass(!!err("name"))}
          />
          <FieldError id={`${id}-name-error`}>{err("name")}</FieldError>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-slug`} className={labelClass}>
            Link <span className="font-normal text-neutral-500">/r/…</span>
          </label>
          <input
            id={`${id}-slug`}
            name="slug"
            data-testid={t("slug")}
            defaultValue={values.slug}
            maxLength={64}
            placeholder={editing ? "" : "from the name"}
            spellCheck={false}
            autoCapitalize="off"
            aria-invalid={err("slug") ? true : undefined}
            aria-describedby={describe("slug")}
            className={inputClass(!!err("slug"), "font-mono")}
          />
          <FieldError id={`${id}-slug-error`}>{err("slug")}</FieldError>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-access`} className={labelClass}>
            Access
          </label>
          <select
            id={`${id}-access`}
            name="access"
            data-testid={t("access")}
            defaultValue={values.access}
            aria-invalid={err("access") ? true : undefined}
            aria-describedby={describe("access")}
            className={inputClass(!!err("access"))}
          >
            <option value="public">Anyone with the link</option>
            <option value="token">Token-only (signed invite links)</option>
          </select>
          <FieldError id={`${id}-access-error`}>{err("access")}</FieldError>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-max`} className={labelClass}>
            Max participants <span className="font-normal text-neutral-500">(0 = no limit)</span>
          </label>
          <input
            id={`${id}-max`}
            name="maxParticipants"
            data-testid={t("max")}
            type="number"
            inputMode="numeric"
            min={0}
            max={1000}
            defaultValue={values.maxParticipants}
            aria-invalid={err("maxParticipants") ? true : undefined}
            aria-describedby={describe("maxParticipants")}
            className={inputClass(!!err("maxParticipants"))}
          />
          <FieldError id={`${id}-maxParticipants-error`}>{err("maxParticipants")}</FieldError>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-pin`} className={labelClass}>
            Phone PIN <span className="font-normal text-neutral-500">(optional)</span>
          </label>
          <input
            id={`${id}-pin`}
            name="pin"
            data-testid={t("pin")}
            defaultValue={values.pin}
            inputMode="numeric"
            autoComplete="off"
            maxLength={10}
            placeholder="4–10 digits"
            aria-invalid={err("pin") ? true : undefined}
            aria-describedby={describe("pin")}
            className={inputClass(!!err("pin"), "font-mono")}
          />
          <FieldError id={`${id}-pin-error`}>{err("pin")}</FieldError>
        </div>
        <fieldset className="flex flex-col justify-end gap-2 pb-1">
          <legend className="sr-only">Options</legend>
          <label className="inline-flex items-center gap-2 text-sm text-neutral-200">
            <input
              type="checkbox"
              name="locked"
              data-testid={t("locked")}
              defaultChecked={values.locked}
              className={checkboxClass}
            />
            Locked <span className="text-neutral-500">(only moderators may join)</span>
          </label>
          <label className="inline-flex items-center gap-2 text-sm text-neutral-200">
            <input
              type="checkbox"
              name="lobbyEnabled"
              data-testid={t("lobby")}
              defaultChecked={values.lobbyEnabled}
              className={checkboxClass}
            />
            Lobby <span className="text-neutral-500">(a moderator admits joiners)</span>
          </label>
        </fieldset>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" data-testid={t("save")} disabled={pending}>
          {pending ? <Spinner /> : null}
          {editing ? "Save changes" : "Create room"}
        </Button>
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
        {state.message ? (
          <div className="min-w-0 flex-1" data-testid={t("message")}>
            <Notice tone={state.status === "saved" ? "success" : "error"}>{state.message}</Notice>
          </div>
        ) : null}
      </div>
    </form>
  );
}
