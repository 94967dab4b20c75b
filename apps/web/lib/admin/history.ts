/** A point of the concurrency chart: `count` people in the room from `t` on. */
export interface ConcurrencyPoint {
  t: number;
  count: number;
}

/**
 * Concurrent participants over time from join/leave times (a step function). Open
 * sessions count until `now`. Simultaneous events become one point.
 */
export function concurrencySeries(
  sessions: readonly { joinedAt: Date; leftAt: Date | null }[],
  now: number,
): ConcurrencyPoint[] {
  const events: { t: number; delta: number }[] = [];
  for (const s of sessions) {
    const start = s.joinedAt.getTime();
    events.push({ t: start, delta: 1 });
    // Still in: no leave event, the last point is carried on to now.
    if (s.leftAt) events.push({ t: Math.max(start, s.leftAt.getTime()), delta: -1 });
  }
  if (events.length === 0) return [];
  events.sort((a, b) => a.t - b.t || a.delta - b.delta);
  const points: ConcurrencyPoint[] = [];
  let count = 0;
  for (const event of events) {
    count += event.delta;
    const last = points.at(-1);
    if (last && last.t === event.t) last.count = count;
    else points.push({ t: event.t, count });
  }
  // Keep the line going to now when people are still in.
  const last = points.at(-1);
  if (last && last.count > 0 && last.t < now) points.push({ t: now, count: last.count });
  return points;
}

/** The highest point of the series. */
export function peakOf(points: readonly ConcurrencyPoint[]): number {
  return points.reduce((max, p) => Math.max(max, p.count), 0);
}
