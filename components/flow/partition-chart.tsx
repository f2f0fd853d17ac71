"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TopicView } from "@/server/flow/tenant-flow";
import { chartAxis, chartGrid, chartLegend, chartTooltip, SERIES } from "@/components/ui/chart-theme";

/** Messages and lag per partition side by side: one tall bar is a hot key. */
export function PartitionChart({ topic }: { topic: TopicView }) {
  const data = topic.partitionDetails.map((p) => ({
    partition: `p${p.partition}`,
    messages: p.messages,
    lag: p.lag ?? 0,
  }));
  const max = Math.max(0, ...data.map((d) => d.messages));
  const mean = data.length ? data.reduce((s, d) => s + d.messages, 0) / data.length : 0;
  const skew = mean > 0 ? max / mean : 1;
  return (
    <div data-testid={`partition-chart-${topic.topic}`}>
      <p className="mb-2 text-xs text-slate-500 dark:text-slate-400">
        {topic.partitions} partitions · {topic.messages} messages
        {topic.consumer ? ` · lag of ${topic.consumer}` : " · no consumer group"}
        {skew >= 1.5 && (
          <span className="ml-2 font-medium text-amber-700 dark:text-amber-300">
            hottest partition holds {skew.toFixed(1)}× the mean
          </span>
        )}
      </p>
      <div className="h-56">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid {...chartGrid} vertical={false} />
            <XAxis dataKey="partition" {...chartAxis} />
            <YAxis yAxisId="messages" {...chartAxis} width={56} />
            <YAxis yAxisId="lag" orientation="right" {...chartAxis} width={40} />
            <Tooltip {...chartTooltip} />
            <Legend {...chartLegend} />
            <Bar
              yAxisId="messages"
              dataKey="messages"
              name="messages"
              fill={SERIES.primary}
              isAnimationActive={false}
            />
            <Bar yAxisId="lag" dataKey="lag" name="lag (messages)" fill={SERIES.lag} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
