"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { fetchJson } from "@/components/ui/fetch-json";
import { StatusPill } from "@/components/ui/status-dot";
import { PromoteBar } from "./promote-bar";
import { TargetRow } from "./target-row";
import { TenantPlacement } from "./tenant-placement";
import { targetsOf, tenantChoices } from "./target-filter";
import type { EnvironmentStatusJson } from "./types";
import { useTimeFormat } from "@/components/ui/time";
import { QueryError } from "@/components/ui/query-error";
import { useUrlState } from "@/components/ui/use-url-state";
import { parseDeploymentsView, serializeDeploymentsView, targetKey } from "./deployments-url";

/** Every target of an environment with its live status; actions go through the same REST API as automation. */
export function DeploymentsBoard({
  environments,
  initial,
}: {
  environments: Array<{ id: string; name: string }>;
  initial: EnvironmentStatusJson | null;
}) {
  // environment, tenant and the open target's tab live in the URL: a view can be shared by link
  const [view, setView] = useUrlState(parseDeploymentsView, serializeDeploymentsView);
  const fallbackEnvironment = initial?.environment.id ?? environments[0]?.id ?? "";
  const environmentId = environments.some((e) => e.id === view.environment) ? view.environment : fallbackEnvironment;
  const setEnvironmentId = (id: string) =>
    setView((v) => ({ ...v, environment: id === fallbackEnvironment ? "" : id, target: "", tab: "" }));
  const queryClient = useQueryClient();
  const time = useTimeFormat();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const { data, error, refetch } = useQuery({
    queryKey: ["environment-status", environmentId],
    queryFn: () => fetchJson<EnvironmentStatusJson>(`/api/environments/${encodeURIComponent(environmentId)}/status`),
    initialData: initial?.environment.id === environmentId ? initial : undefined,
    refetchInterval: 2_000,
    enabled: environmentId !== "",
  });

  const act = async (label: string, url: string, method: "POST" | "PATCH", body?: unknown) => {
    setBusy(true);
    try {
      const result = await fetchJson<{ deployment: { revision: number; state: string } }>(url, {
        method,
        body: body ?? {},
      });
      setNotice({
        ok: true,
        text: `${label}: revision ${result.deployment.revision} is ${result.deployment.state.toLowerCase().replace("_", " ")}`,
      });
    } catch (e) {
      setNotice({ ok: false, text: `${label}: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: ["environment-status", environmentId] });
    }
  };

  const environment = data?.environment;
  const tenants = tenantChoices(data?.targets ?? []);
  const targets = data && targetsOf(data.targets, view.tenant);
  const pools = [...new Set((data?.targets ?? []).filter((t) => t.pool).map((t) => t.tenant))].sort();
  return (
    <Card>
      <CardHeader
        title={environment ? `${environment.name}` : "Environment"}
        description={
          environment
            ? `driver ${environment.driver}${environment.protected ? " · protected: deployments need an admin's approval" : ""}`
            : undefined
        }
        action={
          <div className="flex items-center gap-3">
            {environment && (
              <StatusPill
                tone={environment.agentReporting ? "ok" : "warn"}
                label={environment.agentReporting ? "agent reporting" : "agent silent"}
                title={
                  environment.agentSeenAt
                    ? `last report ${time.format(environment.agentSeenAt, "time")}`
                    : "no agent has reported for this environment"
                }
              />
            )}
            <select
              aria-label="tenant"
              value={view.tenant}
              onChange={(e) => setView((v) => ({ ...v, tenant: e.target.value }))}
              className="rounded-md border border-slate-300 dark:border-slate-600 px-2 py-1 text-sm"
            >
              <option value="">every tenant</option>
              {[...new Set([...tenants, ...(view.tenant ? [view.tenant] : [])])].map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
            <select
              aria-label="environment"
              value={environmentId}
              onChange={(e) => setEnvironmentId(e.target.value)}
              className="rounded-md border border-slate-300 dark:border-slate-600 px-2 py-1 text-sm"
            >
              {environments.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          </div>
        }
      />
      {view.tenant && targets && targets.length > 0 && (
        <PromoteBar
          key={`${environmentId}/${view.tenant}`}
          environmentId={environmentId}
          environments={environments}
          targets={targets}
          onDone={async (result) => {
            setNotice(result);
            await queryClient.invalidateQueries({ queryKey: ["environment-status", environmentId] });
          }}
        />
      )}
      {notice && (
        <p
          role="status"
          className={`px-5 py-2 text-sm ${notice.ok ? "bg-emerald-50 dark:bg-emerald-950/40 text-emerald-800 dark:text-emerald-200" : "bg-red-50 dark:bg-red-950/40 text-red-800 dark:text-red-200"}`}
        >
          {notice.text}
        </p>
      )}
      {error && <QueryError what="Could not load the status" error={error} refetch={refetch} className="mx-5 my-2" />}
      {view.tenant && !view.tenant.startsWith("pool-") && (
        <TenantPlacement key={view.tenant} tenant={view.tenant} pools={pools} />
      )}
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 dark:bg-slate-800/50 text-left text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
            <tr>
              <th className="px-4 py-2">Target</th>
              <th className="px-4 py-2">Health</th>
              <th className="px-4 py-2">Sync</th>
              <th className="px-4 py-2">Instances</th>
              <th className="px-4 py-2">Revision</th>
              <th className="px-4 py-2">Actions</th>
            </tr>
          </thead>
          <tbody>
            {targets?.map((t) => (
              <TargetRow
                key={targetKey(t)}
                target={t}
                act={act}
                busy={busy}
                open={view.target === targetKey(t) ? view.tab || "history" : null}
                onOpen={(tab) => setView((v) => ({ ...v, target: tab ? targetKey(t) : "", tab: tab ?? "" }))}
              />
            ))}
            {targets && targets.length === 0 && (
              <tr>
                <td colSpan={6} className="px-4 py-6 text-center text-slate-500 dark:text-slate-400">
                  No deployments in this environment that you may see.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
