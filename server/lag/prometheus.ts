import { SEVERITY, type LagStatus } from "./burrow-status";

export type MetricGroup = {
  groupId: string;
  status: LagStatus;
  members: number;
  topics: Array<{ topic: string; lag: number; lagSeconds: number; consumePerSecond: number }>;
};

const escapeLabel = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/** Prometheus text exposition (version 0.0.4) of the sampler's latest evaluation. */
export function toPrometheusText(groups: readonly MetricGroup[]): string {
  const lines: string[] = [
    "# HELP syncdeck_consumergroup_lag Messages between the group's committed offset and the end of the topic.",
    "# TYPE syncdeck_consumergroup_lag gauge",
  ];
  const perTopic = (name: string, pick: (t: MetricGroup["topics"][number]) => number) => {
    for (const g of groups) {
      for (const t of g.topics) {
        lines.push(`${name}{group="${escapeLabel(g.groupId)}",topic="${escapeLabel(t.topic)}"} ${pick(t)}`);
      }
    }
  };
  perTopic("syncdeck_consumergroup_lag", (t) => t.lag);
  lines.push(
    "# HELP syncdeck_consumergroup_lag_seconds Age of the oldest unconsumed message, interpolated from end-offset history.",
    "# TYPE syncdeck_consumergroup_lag_seconds gauge",
  );
  perTopic("syncdeck_consumergroup_lag_seconds", (t) => Number(t.lagSeconds.toFixed(3)));
  lines.push(
    "# HELP syncdeck_consumergroup_consume_rate Messages per second the group commits past.",
    "# TYPE syncdeck_consumergroup_consume_rate gauge",
  );
  perTopic("syncdeck_consumergroup_consume_rate", (t) => Number(t.consumePerSecond.toFixed(3)));
  lines.push(
    "# HELP syncdeck_consumergroup_status Group status: 0 OK, 1 WARN, 2 REWIND, 3 STALL, 4 STOP, 5 ERR.",
    "# TYPE syncdeck_consumergroup_status gauge",
  );
  for (const g of groups) lines.push(`syncdeck_consumergroup_status{group="${escapeLabel(g.groupId)}",status="${g.status}"} ${SEVERITY[g.status]}`);
  lines.push("# HELP syncdeck_consumergroup_members Members of the group.", "# TYPE syncdeck_consumergroup_members gauge");
  for (const g of groups) lines.push(`syncdeck_consumergroup_members{group="${escapeLabel(g.groupId)}"} ${g.members}`);
  return `${lines.join("\n")}\n`;
}
