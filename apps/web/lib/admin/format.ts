/** Formatting helpers shared by the dashboard's server and client components. */

const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
});

export function formatDateTime(value: Date | number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return dateTime.format(typeof value === "number" ? new Date(value) : value);
}

/** 42 s, 3 min 05 s, 1 h 07 min. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, "0")} s`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
}
