"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/** One series over time in a card: `data` rows carry `at` (ISO time) and the plotted field. */
export function HistoryChart<K extends string>({
  title,
  description,
  data,
  field,
  color,
  format,
}: {
  title: string;
  description?: string;
  data: Array<{ at: string } & Record<K, number>>;
  field: K;
  color: string;
  format: (value: number) => string;
}) {
  return (
    <Card>
      <CardHeader title={title} description={description} />
      <CardBody className="h-64">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="at" tickFormatter={time} fontSize={11} minTickGap={40} />
            <YAxis fontSize={11} tickFormatter={(v: number) => format(v)} width={50} />
            <Tooltip labelFormatter={(v) => new Date(String(v)).toLocaleString()} formatter={(v) => format(Number(v))} />
            <Line type="monotone" dataKey={field} stroke={color} strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </CardBody>
    </Card>
  );
}
