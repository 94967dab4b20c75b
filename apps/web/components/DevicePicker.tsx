"use client";

import { useId } from "react";
import type { DeviceOption } from "@/lib/media";

interface DevicePickerProps {
  label: string;
  testId: string;
  devices: DeviceOption[];
  value: string;
  emptyText: string;
  disabled?: boolean;
  onChange(deviceId: string): void;
}

/** A labelled <select> of cameras or microphones. */
export function DevicePicker({
  label,
  testId,
  devices,
  value,
  emptyText,
  disabled = false,
  onChange,
}: DevicePickerProps) {
  const id = useId();
  const empty = devices.length === 0;
  const known = devices.some((d) => d.deviceId === value);
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <label htmlFor={id} className="text-xs font-medium text-neutral-400">
        {label}
      </label>
      <select
        id={id}
        data-testid={testId}
        value={empty ? "" : known ? value : ""}
        disabled={disabled || empty}
        onChange={(e) => onChange(e.target.value)}
        className="w-full truncate rounded-lg border border-neutral-700 bg-neutral-900 px-3 py-2 text-sm text-neutral-100 focus-visible:border-sky-400 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-400 disabled:cursor-not-allowed disabled:opacity-60"
      >
        {empty ? <option value="">{emptyText}</option> : null}
        {!empty && !known ? <option value="">Default</option> : null}
        {devices.map((d) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label}
          </option>
        ))}
      </select>
    </div>
  );
}
