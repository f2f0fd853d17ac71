import { Card, CardHeader } from "@/components/ui/card";
import type { TenantDetailJson } from "./types";
import { Time } from "@/components/ui/time";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-3 py-2">
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="col-span-2 text-slate-900 dark:text-slate-100 [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

const n = (value: number) => value.toLocaleString("en-US");
const placementLabel = (placement: string) => (placement === "dedicated" ? "dedicated" : `pooled in ${placement}`);

/** What was asked for: contacts, source, volumes and the partition plan, entities, environment. */
export function RequestSummary({ detail }: { detail: TenantDetailJson }) {
  const { tenant, plan } = detail;
  // provisioning places the processors in its deployments step; until it has, the plan is what will happen
  const placed = tenant.status === "ACTIVE" || tenant.status === "SUSPENDED" || tenant.status === "OFFBOARDED";
  return (
    <Card>
      <CardHeader
        title="Request"
        description={
          <>
            requested by {tenant.requestedBy ?? "the seed"} on <Time at={tenant.createdAt} style="date" />
          </>
        }
      />
      <dl className="divide-y divide-slate-100 dark:divide-slate-800 px-5 py-2 text-sm" data-testid="request-summary">
        <Row label="Contacts">
          <ul>
            {tenant.contacts.map((c) => (
              <li key={c.email}>
                {c.name} <span className="text-slate-500 dark:text-slate-400">&lt;{c.email}&gt;</span>
              </li>
            ))}
          </ul>
        </Row>
        <Row label="Source">
          <span className="font-mono text-xs">{tenant.source}</span>
        </Row>
        <Row label="Volume">
          {n(tenant.expectedDailyChanges)} changes/day, peak {n(tenant.peakChangesPerSecond)}/s
        </Row>
        <Row label="Partitions">
          <span className="font-semibold">{plan.partitions}</span>
          <span className="block text-xs text-slate-500 dark:text-slate-400">{plan.explanation}</span>
        </Row>
        <Row label="Processors">
          <span className="font-semibold" data-testid="placement">
            {placementLabel(placed ? tenant.placement : plan.placement)}
          </span>
          <span className="block text-xs text-slate-500 dark:text-slate-400">
            {!placed
              ? `when provisioned: ${plan.placementExplanation}`
              : tenant.placement === plan.placement
                ? plan.placementExplanation
                : `placed by an operator; for its volume the onboarding rule would choose ${placementLabel(plan.placement)} (${plan.placementExplanation})`}
          </span>
        </Row>
        <Row label="Entities">{tenant.entities.join(", ")}</Row>
        <Row label="Environment">
          <span className="font-mono text-xs">{tenant.environmentId ?? "—"}</span>
        </Row>
        <Row label="Lag SLO / retention">
          {tenant.lagSloSeconds} s · {tenant.retentionHours} h
        </Row>
      </dl>
    </Card>
  );
}
