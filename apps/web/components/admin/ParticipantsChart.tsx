"use client";

import {
  Area,
  AreaChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ConcurrencyPoint } from "@/lib/admin/history";

const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });
const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short" });

/** Concurrent participants over time, as a step area chart. */
export function ParticipantsChart({ points }: { points: ConcurrencyPoint[] }) {
  if (points.length === 0) {
    return (
      <p className="py-10 text-center text-sm text-neutral-500">Nobody has joined this room yet.</p>
    );
  }
  const first = points[0]?.t ?? 0;
  const last = points.at(-1)?.t ?? first;
  const multiDay = last - first > 24 * 3600 * 1000;
  const peak = points.reduce((max, p) => Math.max(max, p.count), 0);
  return (
    <div
      className="h-64 w-full"
      data-testid="participants-chart"
      role="img"
      aria-label={`Concurrent participants over time, peak ${peak}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: -16 }}>
          <defs>
            <linearGradient id="participants-fill" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor="#38bdf8" stopOpacity={0.45} />
              <stop offset="100%" stopColor="#38bdf8" stopOpacity={0.03} />
            </linearGradient>
          </defs>
          <CartesianGrid stroke="#262626" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={(t: number) => (multiDay ? day.format(t) : time.format(t))}
            stroke="#737373"
            fontSize={12}
            tickMargin={6}
            minTickGap={40}
          />
          <YAxis
            allowDecimals={false}
            domain={[0, Math.max(2, peak + 1)]}
            stroke="#737373"
            fontSize={12}
            width={40}
          />
          <Tooltip
            contentStyle={{
              background: "#171717",
              border: "1px solid #404040",
              borderRadius: 8,
              fontSize: 12,
            }}
            labelStyle={{ color: "#a3a3a3" }}
            itemStyle={{ color: "#e5e5e5" }}
            labelFormatter={(t) => dateTime.format(Number(t))}
            formatter={(value) => [String(value), "participants"]}
          />
          <Area
            type="stepAfter"
            dataKey="count"
            stroke="#38bdf8"
            strokeWidth={2}
            fill="url(#participants-fill)"
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
