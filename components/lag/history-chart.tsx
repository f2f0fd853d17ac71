"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { chartAxis, chartGrid, chartTooltip, SERIES } from "@/components/ui/chart-theme";
import { useTimeFormat } from "@/components/ui/time";
import { axisTimeStyle } from "@/components/ui/time-format";

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
  const time = useTimeFormat();
  const tickStyle = axisTimeStyle(data[0]?.at, data.at(-1)?.at);
  return (
    <Card>
      <CardHeader title={title} description={[description, `times in ${time.zone}`].filter(Boolean).join(" · ")} />
      <CardBody className="h-64">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data}>
            <CartesianGrid {...chartGrid} />
            <XAxis dataKey="at" tickFormatter={(v: string) => time.bare(v, tickStyle)} {...chartAxis} minTickGap={40} />
            <YAxis {...chartAxis} tickFormatter={(v: number) => format(v)} width={50} />
            <Tooltip
              {...chartTooltip}
              labelFormatter={(v) => time.format(String(v))}
              formatter={(v) => format(Number(v))}
            />
            {snapMarks(data, marks).map((mark) => (
              <ReferenceLine
                key={`${mark.at}-${mark.label}`}
                x={mark.at}
                stroke={SERIES.mark}
                strokeDasharray="4 2"
                label={{ value: mark.label, position: "insideTopLeft", fontSize: 10, fill: SERIES.mark }}
              />
            ))}
            <Line
              type="monotone"
              dataKey={field}
              stroke={color}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </CardBody>
    </Card>
  );
}
