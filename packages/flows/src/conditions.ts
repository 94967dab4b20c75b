/** `when` conditions: number patterns, schedules in a time zone, variables. */
import type { CallInfo } from "./channel";
import type { Condition, Schedule, WEEKDAYS } from "./schema";

const patternCache = new Map<string, RegExp>();

/**
 * Dial-plan style patterns: X any digit, N 2-9, Z 1-9, [1-5] a range or set, a trailing
 * `*` or `.` anything more (including nothing); everything else literally.
 */
export function patternToRegExp(pattern: string): RegExp {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  let src = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    const last = i === pattern.length - 1;
    if ((c === "*" || c === ".") && last) src += ".*";
    else if (c === "X" || c === "x") src += "[0-9]";
    else if (c === "N" || c === "n") src += "[2-9]";
    else if (c === "Z" || c === "z") src += "[1-9]";
    else if (c === "[") {
      const end = pattern.indexOf("]", i);
      const body = end > i ? pattern.slice(i + 1, end).replace(/[^0-9-]/g, "") : "";
      src += body ? `[${body}]` : "\\[";
      if (end > i) i = end;
    } else src += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  const re = new RegExp(`^${src}$`);
  if (patternCache.size < 1000) patternCache.set(pattern, re);
  return re;
}

/** The number part of a caller id or SIP URI: `sip:+4930123@host` → `+4930123`. */
export function numberPart(identity: string): string {
  return identity.replace(/^.*?sips?:/i, "").replace(/[@;>].*$/, "");
}

export function matchesPattern(value: string, patterns: readonly string[]): boolean {
  const n = numberPart(value);
  return patterns.some((p) => patternToRegExp(p).test(n));
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  weekday: (typeof WEEKDAYS)[number];
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time at `at` in `timeZone` (throws RangeError for an unknown zone). */
export function localTime(at: number, timeZone: string): LocalTime {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: String(parts.weekday).slice(0, 3).toLowerCase() as LocalTime["weekday"],
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

export function isValidTimeZone(tz: string): boolean {
  try {
    localTime(0, tz);
    return true;
  } catch {
    return false;
  }
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `at` falls in the schedule: its days, its dates, its hours (all that are set). */
export function inSchedule(at: number, s: Schedule): boolean {
  const t = localTime(at, s.timeZone);
  if (s.days && !s.days.includes(t.weekday)) return false;
  if (s.dates) {
    const mmdd = `${String(t.month).padStart(2, "0")}-${String(t.day).padStart(2, "0")}`;
    const full = `${t.year}-${mmdd}`;
    if (!s.dates.some((d) => d === full || d === mmdd)) return false;
  }
  const from = s.from !== undefined ? toMinutes(s.from) : undefined;
  const to = s.to !== undefined ? toMinutes(s.to) : undefined;
  if (from !== undefined && to !== undefined) {
    return from <= to ? t.minutes >= from && t.minutes < to : t.minutes >= from || t.minutes < to;
  }
  if (from !== undefined) return t.minutes >= from;
  if (to !== undefined) return t.minutes < to;
  return true;
}

export function conditionHolds(
  c: Condition,
  env: { info: CallInfo; now: number; vars: ReadonlyMap<string, string> },
): boolean {
  let ok = true;
  if (c.caller) ok &&= !env.info.anonymous && matchesPattern(env.info.caller, c.caller);
  if (c.called) ok &&= matchesPattern(env.info.called, c.called);
  if (c.anonymous !== undefined) ok &&= env.info.anonymous === c.anonymous;
  if (c.time) ok &&= inSchedule(env.now, c.time);
  if (c.var) {
    const v = env.vars.get(c.var.name) ?? "";
    if (c.var.equals !== undefined) ok &&= v === c.var.equals;
    if (c.var.matches !== undefined) ok &&= patternToRegExp(c.var.matches).test(v);
    if (c.var.set !== undefined) ok &&= (v !== "") === c.var.set;
  }
  return c.not ? !ok : ok;
}
