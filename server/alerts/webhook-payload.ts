/**
 * The JSON a webhook receives (pure). `text` is a one-line message, so chat webhooks that read a
 * `text` field (Slack, Mattermost, Google Chat) show it as is; the other fields are for machines.
 */
export type PayloadInput = {
  rule: {
    id: string;
    name: string;
    kind: string;
    stage: string | null;
    threshold: number;
    statuses: string[];
    forMinutes: number;
  };
  tenant: string;
  event: { id: bigint; firedAt: Date; resolvedAt: Date | null; value: number; summary: string };
  transition: "firing" | "resolved";
  /** what the condition reads now: at resolution, why it cleared */
  currentSummary: string;
  consoleUrl?: string;
};

export function webhookPayload(input: PayloadInput) {
  const { rule, tenant, event, transition } = input;
  const headline =
    transition === "firing"
      ? `FIRING ${tenant}: ${rule.name}: ${event.summary}`
      : `RESOLVED ${tenant}: ${rule.name}: ${input.currentSummary}`;
  const base = input.consoleUrl?.replace(/\/$/, "");
  return {
    text: headline,
    status: transition,
    tenant,
    rule: {
      id: rule.id,
      name: rule.name,
      kind: rule.kind,
      stage: rule.stage,
      threshold: rule.threshold,
      statuses: rule.statuses,
      forMinutes: rule.forMinutes,
    },
    event: {
      id: event.id.toString(),
      firedAt: event.firedAt.toISOString(),
      resolvedAt: event.resolvedAt?.toISOString() ?? null,
      value: event.value,
      summary: event.summary,
    },
    ...(base ? { url: `${base}/alerts?tenant=${encodeURIComponent(tenant)}` } : {}),
  };
}
