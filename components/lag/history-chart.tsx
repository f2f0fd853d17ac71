"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/** A vertical mark at the first sample at or after `at` (the x axis is the samples' times). */
export type ChartMark = { at: string; label: string };

function snapMarks(data: Array<{ at: string }>, marks: ChartMark[]): ChartMark[] {
  return marks.flatMap((mark) => {
    const point = data.find((d) => d.at >= mark.at);
    return point ? [{ at: point.at, label: mark.label }] : [];
  });
}

/** One series over time in a card: `data` rows carry `at` (ISO time) and the plotted field. */
export function HistoryChart<K extends string>({
  title,
  description,
  data,
  field,
  color,
  format,
  marks = [],
}: {
  title: string;
  description?: string;
  data: Array<{ at: string } & Record<K, number>>;
  field: K;
  color: string;
  format: (value: number) => string;
  marks?: ChartMark[];
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
            {snapMarks(data, marks).map((mark) => (
              <ReferenceLine key={`${mark.at}-${mark.label}`} x={mark.at} stroke="#7c3aed" strokeDasharray="4 2" label={{ value: mark.label, position: "insideTopLeft", fontSize: 10, fill: "#7c3aed" }} />
            ))}
            <Line type="monotone" dataKey={field} stroke={color} strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </CardBody>
    </Card>
  );
}
