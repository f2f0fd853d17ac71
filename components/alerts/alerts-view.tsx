"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BellRing, CheckCircle2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { fetchJson } from "@/components/ui/fetch-json";
import { Pager } from "@/components/ui/pager";
import { QueryError } from "@/components/ui/query-error";
import { StatusPill } from "@/components/ui/status-dot";
import type { AlertEventView, AlertsView } from "@/server/alerts/list-alerts";
import type { AlertRuleView } from "@/server/alerts/rule-view";
import { formatDuration } from "@/lib/duration";
import { describeRule } from "./describe-rule";
import { RuleDialog } from "./rule-dialog";
import { Time } from "@/components/ui/time";

const th = "px-4 py-2.5 text-left text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400";
const td = "px-4 py-2.5 align-top";

function RuleState({ rule, firing, now }: { rule: AlertRuleView; firing: boolean; now: number }) {
  if (!rule.enabled) return <StatusPill tone="idle" label="Off" />;
  if (firing) return <StatusPill tone="err" label="Firing" />;
  if (rule.pendingSince) {
    const held = formatDuration(Math.max(0, now - new Date(rule.pendingSince).getTime()));
    return <StatusPill tone="warn" label="Pending" title={`condition holds for ${held} of ${rule.forMinutes} min`} />;
  }
  return <StatusPill tone="ok" label="OK" />;
}

function Delivery({ event }: { event: AlertEventView }) {
  const d = event.delivery;
  if (!d) return <span className="text-slate-500 dark:text-slate-400">no webhook</span>;
  if (d.deliveredAt) return <span className="text-emerald-700 dark:text-emerald-300">{d.transition} sent</span>;
  if (!d.nextAttemptAt)
    return (
      <span className="text-red-700 dark:text-red-300" title={d.lastError ?? ""}>
        {d.transition}: gave up
      </span>
    );
  return (
    <span className="text-amber-700 dark:text-amber-300" title={d.lastError ?? ""}>
      {d.transition}: {d.attempts ? `retrying (${d.attempts} failed: ${d.lastError})` : "sending"}
    </span>
  );
}

/** Alert rules of the visible tenants and their firing/resolved history, refreshed every 5 s. */
export function AlertsPanel({
  initial,
  manageable,
  tenant,
}: {
  initial: AlertsView;
  manageable: readonly string[];
  tenant?: string;
}) {
  const [creating, setCreating] = useState(false);
  const client = useQueryClient();
  const [paging, setPaging] = useState({ page: initial.page, pageSize: initial.pageSize });
  const isInitial = paging.page === initial.page && paging.pageSize === initial.pageSize;
  const query = new URLSearchParams({
    ...(tenant ? { tenant } : {}),
    page: String(paging.page),
    limit: String(paging.pageSize),
  });
  const {
    data = initial,
    error,
    refetch,
    dataUpdatedAt: now,
    isPlaceholderData,
  } = useQuery({
    queryKey: ["alerts", tenant ?? "", paging.page, paging.pageSize],
    queryFn: () => fetchJson<AlertsView>(`/api/alerts?${query}`),
    initialData: isInitial ? initial : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
  const refresh = () => client.invalidateQueries({ queryKey: ["alerts"] });
  const toggle = useMutation({
    mutationFn: (rule: AlertRuleView) =>
      fetchJson(`/api/alerts/rules/${rule.id}`, { method: "PATCH", body: { enabled: !rule.enabled } }),
    onSuccess: refresh,
  });
  // from the server, not the shown page: a rule still firing may have its event on another page
  const openRules = new Set(data.firingRuleIds);
  const noManage = manageable.length === 0 ? "Your role does not include alert.manage" : null;

  return (
    <div className="space-y-6">
      {error && <QueryError what="Could not refresh" error={error} refetch={refetch} />}
      <div
        className={`flex items-center gap-3 rounded-xl border px-5 py-4 ${data.firing ? "border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 text-red-800 dark:text-red-200" : "border-emerald-200 dark:border-emerald-800 bg-emerald-50 dark:bg-emerald-950/40 text-emerald-800 dark:text-emerald-200"}`}
        role="status"
      >
        {data.firing ? <BellRing className="h-5 w-5" aria-hidden /> : <CheckCircle2 className="h-5 w-5" aria-hidden />}
        <span className="text-sm font-medium" data-testid="firing-count">
          {data.firing ? `${data.firing} alert${data.firing === 1 ? "" : "s"} firing` : "No alert is firing"}
        </span>
      </div>

      <Card>
        <CardHeader
          title="Rules"
          description="Evaluated after every lag sample by the sampler's leader; a webhook hears when an alert fires and when it resolves."
          action={
            <Button variant="primary" disabledReason={noManage} onClick={() => setCreating(true)}>
              New rule
            </Button>
          }
        />
        {data.rules.length === 0 ? (
          <div className="p-5">
            <EmptyState icon={BellRing} title="No alert rules yet">
              Add one: lag seconds over a threshold, a stage in ERR or STOP, or the dead-letter topic growing.
            </EmptyState>
          </div>
        ) : (
          <table className="w-full text-sm">
            <thead className="border-b border-slate-100 dark:border-slate-800">
              <tr>
                <th className={th}>State</th>
                <th className={th}>Rule</th>
                <th className={th}>Tenant</th>
                <th className={th}>Condition</th>
                <th className={th}>Now</th>
                <th className={th}>Webhook</th>
                <th className={th} />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {data.rules.map((rule) => (
                <tr key={rule.id} data-testid={`rule-${rule.name}`}>
                  <td className={td}>
                    <RuleState rule={rule} firing={openRules.has(rule.id)} now={now} />
                  </td>
                  <td className={`${td} font-medium text-slate-900 dark:text-slate-100`}>{rule.name}</td>
                  <td className={td}>{rule.tenant}</td>
                  <td className={td}>{describeRule(rule)}</td>
                  <td className={`${td} tabular-nums text-slate-600 dark:text-slate-300`}>
                    {rule.lastValue === null ? "—" : Number(rule.lastValue.toFixed(1))}
                  </td>
                  <td className={`${td} text-slate-600 dark:text-slate-300`}>{rule.webhookHost ?? "—"}</td>
                  <td className={`${td} text-right`}>
                    <Button
                      disabledReason={
                        manageable.includes(rule.tenant) ? null : `You cannot manage alerts of ${rule.tenant}`
                      }
                      disabled={toggle.isPending}
                      onClick={() => toggle.mutate(rule)}
                    >
                      {rule.enabled ? "Switch off" : "Switch on"}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {toggle.error && <p className="px-5 pb-4 text-sm text-red-700 dark:text-red-300">{toggle.error.message}</p>}
      </Card>

      <Card>
        <CardHeader title="History" description="Every time a rule fired, until it resolved; newest first." />
        {data.events.length === 0 ? (
          <p className="px-5 py-6 text-sm text-slate-500 dark:text-slate-400">Nothing has fired yet.</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="border-b border-slate-100 dark:border-slate-800">
              <tr>
                <th className={th}>State</th>
                <th className={th}>Rule</th>
                <th className={th}>Tenant</th>
                <th className={th}>What happened</th>
                <th className={th}>Fired</th>
                <th className={th}>Lasted</th>
                <th className={th}>Notification</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {data.events.map((event) => (
                <tr key={event.id} data-testid="alert-event">
                  <td className={td}>
                    {event.resolvedAt ? (
                      <StatusPill tone="ok" label="Resolved" />
                    ) : (
                      <StatusPill tone="err" label="Firing" />
                    )}
                  </td>
                  <td className={`${td} font-medium text-slate-900 dark:text-slate-100`}>{event.ruleName}</td>
                  <td className={td}>{event.tenant}</td>
                  <td className={`${td} text-slate-700 dark:text-slate-300`}>{event.summary}</td>
                  <td className={`${td} whitespace-nowrap tabular-nums`}>
                    <Time at={event.firedAt} />
                  </td>
                  <td className={`${td} whitespace-nowrap tabular-nums`}>
                    {formatDuration(
                      Math.max(
                        0,
                        (event.resolvedAt ? new Date(event.resolvedAt).getTime() : now) -
                          new Date(event.firedAt).getTime(),
                      ),
                    )}
                    {event.resolvedAt ? "" : " so far"}
                  </td>
                  <td className={td}>
                    <Delivery event={event} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {data.total > 0 && (
          <Pager
            state={data}
            label="Alert history"
            busy={isPlaceholderData}
            onPage={(page) => setPaging((p) => ({ ...p, page }))}
            onPageSize={(pageSize) => setPaging({ page: 1, pageSize })}
          />
        )}
      </Card>
      {creating && (
        <RuleDialog
          tenants={manageable}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            void refresh();
          }}
        />
      )}
    </div>
  );
}
