"use client";

import { useQuery } from "@tanstack/react-query";
import { ChevronDown, ChevronRight } from "lucide-react";
import Link from "@/components/ui/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/components/ui/fetch-json";
import { QueryError } from "@/components/ui/query-error";
import { formatLogText } from "@/lib/log/format-line";
import { HealthPill, StatePill } from "./health-pill";
import { InstanceBar } from "./instance-bar";
import { rolloutProgress } from "./rollout-progress";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { DetailTab } from "./deployments-url";
import { driftFieldInWords } from "./drift-words";
import type { HistoryJson, TargetJson } from "./types";
import { Time } from "@/components/ui/time";

type Act = (label: string, url: string, method: "POST" | "PATCH", body?: unknown) => Promise<void>;

function actionBlocker(target: TargetJson): string | null {
  if (target.permissions.environmentDenied) return target.permissions.environmentDenied;
  if (!target.permissions.deploy)
    return target.pool
      ? `Your role does not include deploy.create for every tenant of ${target.tenant}`
      : `Your role does not include deploy.create for ${target.tenant}`;
  if (target.inFlight)
    return `Revision ${target.inFlight.revision} (${target.inFlight.action}) is ${target.inFlight.state.toLowerCase()}; wait for it or cancel it`;
  return null;
}

/** `open` is the detail tab shown under the row (null: closed); the board keeps it in the URL. */
export function TargetRow({
  target,
  act,
  busy,
  open,
  onOpen,
}: {
  target: TargetJson;
  act: Act;
  busy: boolean;
  open: DetailTab | null;
  onOpen: (tab: DetailTab | null) => void;
}) {
  const [replicas, setReplicas] = useState(target.desired.replicas || 1);
  const blocker = busy ? "Working…" : actionBlocker(target);
  const id = target.desired.id;
  const label = `${target.tenant} ${target.stage}`;
  const stopped = target.desired.replicas === 0;
  const progress = rolloutProgress(target);

  return (
    <>
      <tr
        className="border-t border-slate-100 dark:border-slate-800 align-top"
        data-testid={`target-${target.tenant}-${target.stage}`}
      >
        <td className="px-4 py-3">
          <button
            type="button"
            className="flex items-center gap-1 text-left"
            onClick={() => onOpen(open ? null : "history")}
            aria-label={`details of ${label}`}
          >
            {open ? (
              <ChevronDown className="h-4 w-4 text-slate-500 dark:text-slate-400" />
            ) : (
              <ChevronRight className="h-4 w-4 text-slate-500 dark:text-slate-400" />
            )}
            <span>
              <span className="block text-sm font-medium text-slate-900 dark:text-slate-100">{target.stage}</span>
              <span className="block text-xs text-slate-500 dark:text-slate-400">{target.tenant}</span>
            </span>
          </button>
          {target.pool && <PoolTenants target={target} />}
        </td>
        <td className="px-4 py-3">
          <div className="flex flex-col gap-1" data-testid="health">
            <HealthPill health={target.status.health} reason={target.status.reason} />
            <span className="max-w-72 text-xs text-slate-500 dark:text-slate-400">{target.status.reason}</span>
          </div>
        </td>
        <td className="px-4 py-3 text-xs">
          <span
            className={
              target.status.sync === "Synced"
                ? "text-emerald-700 dark:text-emerald-300"
                : "text-amber-700 dark:text-amber-300"
            }
          >
            {target.status.sync}
          </span>
          {target.status.drift.length > 0 && (
            <span className="block max-w-64 text-slate-600 dark:text-slate-300" data-testid="drift">
              changed outside SyncDeck:
              <ul className="list-disc pl-4">
                {target.status.drift.map((f) => (
                  <li key={f.path}>{driftFieldInWords(f)}</li>
                ))}
              </ul>
            </span>
          )}
          {target.groupMembers !== null && (
            <span className="block text-slate-500 dark:text-slate-400">{target.groupMembers} group member(s)</span>
          )}
        </td>
        <td className="px-4 py-3">
          <InstanceBar target={target} />
          {progress && (
            <div className="mt-2">
              <ProgressBar {...progress} name={`rollout of ${label}`} testId="rollout-progress" />
            </div>
          )}
        </td>
        <td className="px-4 py-3 text-xs text-slate-600 dark:text-slate-300">
          <span className="block">
            rev {target.desired.revision} · {target.desired.version}
          </span>
          {target.inFlight ? <StatePill state={target.inFlight.state} /> : <StatePill state={target.desired.state} />}
        </td>
        <td className="px-4 py-3">
          <div className="flex flex-wrap items-center gap-2">
            <input
              type="number"
              min={0}
              max={12}
              value={replicas}
              aria-label={`replicas of ${label}`}
              onChange={(e) => setReplicas(Number(e.target.value))}
              className="w-16 rounded-md border border-slate-300 dark:border-slate-600 px-2 py-1 text-sm"
            />
            <Button
              disabledReason={
                blocker ?? (replicas === target.desired.replicas ? "Already at this replica count" : null)
              }
              onClick={() => act(`Scale ${label}`, `/api/deployments/${id}/scale`, "PATCH", { replicas })}
            >
              Scale
            </Button>
            <Button
              disabledReason={blocker ?? (stopped ? "Stopped; start it first" : null)}
              onClick={() =>
                act(`Restart ${label}`, `/api/deployments/${id}/restart`, "POST", {
                  reason: "restart from the console",
                })
              }
            >
              Restart
            </Button>
            {stopped ? (
              <Button
                disabledReason={blocker}
                onClick={() =>
                  act(`Start ${label}`, `/api/deployments/${id}/scale`, "PATCH", {
                    replicas: 1,
                    reason: "start from the console",
                  })
                }
              >
                Start
              </Button>
            ) : (
              <Button
                variant="danger"
                disabledReason={blocker}
                onClick={() =>
                  act(`Stop ${label}`, `/api/deployments/${id}/stop`, "POST", { reason: "stop from the console" })
                }
              >
                Stop
              </Button>
            )}
            {target.inFlight?.state === "PENDING_APPROVAL" && (
              <Button
                variant="primary"
                disabledReason={
                  target.permissions.approve
                    ? null
                    : (target.permissions.environmentDenied ??
                      "Needs deploy.approve, from someone other than the requester")
                }
                onClick={() => act(`Approve ${label}`, `/api/deployments/${target.inFlight!.id}/approve`, "POST")}
              >
                Approve
              </Button>
            )}
            {target.inFlight && target.inFlight.state !== "ROLLING_OUT" && (
              <Button
                disabledReason={
                  target.permissions.deploy ? null : (target.permissions.environmentDenied ?? "Needs deploy.create")
                }
                onClick={() => act(`Cancel ${label}`, `/api/deployments/${target.inFlight!.id}/cancel`, "POST")}
              >
                Cancel
              </Button>
            )}
            <Button onClick={() => onOpen(open === "logs" ? null : "logs")}>Logs</Button>
          </div>
        </td>
      </tr>
      {open && (
        <tr className="bg-slate-50 dark:bg-slate-800/50">
          <td colSpan={6} className="px-6 py-4">
            {open === "history" ? <History target={target} act={act} blocker={blocker} /> : <Logs deploymentId={id} />}
          </td>
        </tr>
      )}
    </>
  );
}

/** "pool-demo · acme-health, globex-care": each tenant links to its consumer group's lag page. */
function PoolTenants({ target }: { target: TargetJson }) {
  return (
    <p className="mt-1 max-w-64 pl-5 text-xs text-slate-500 dark:text-slate-400" data-testid="pool-tenants">
      {target.tenant} · {target.groups.length === 0 && target.otherTenants === 0 && "no tenant placed in it"}
      {target.groups.map((g, i) => (
        <span key={g.groupId}>
          {i > 0 && ", "}
          <Link
            href={`/lag/${encodeURIComponent(g.groupId)}`}
            className="underline decoration-dotted hover:text-slate-900 dark:hover:text-slate-100"
            title={`lag of ${g.groupId}${g.members === null ? "" : ` (${g.members} member(s))`}`}
          >
            {g.tenant}
          </Link>
        </span>
      ))}
      {target.otherTenants > 0 && `${target.groups.length > 0 ? " and " : ""}${target.otherTenants} other tenant(s)`}
    </p>
  );
}

function History({ target, act, blocker }: { target: TargetJson; act: Act; blocker: string | null }) {
  const { data, error, refetch } = useQuery({
    queryKey: ["deployment-history", target.desired.id, target.desired.revision, target.inFlight?.id],
    queryFn: () => fetchJson<{ history: HistoryJson[] }>(`/api/deployments/${target.desired.id}`),
  });
  if (!data)
    return error ? (
      <QueryError what="Could not load the history" error={error} refetch={refetch} />
    ) : (
      <p className="text-sm text-slate-500 dark:text-slate-400">Loading history…</p>
    );
  return (
    <table className="w-full text-xs" data-testid="history">
      <thead className="text-left text-slate-500 dark:text-slate-400">
        <tr>
          <th className="py-1">rev</th>
          <th>action</th>
          <th>state</th>
          <th>changes</th>
          <th>who · why</th>
          <th>when</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {data.history.map((d) => (
          <tr key={d.id} className="border-t border-slate-200 dark:border-slate-700">
            <td className="py-1.5 font-medium">{d.revision}</td>
            <td>
              {d.action}
              {d.rollbackOf ? ` of rev ${d.rollbackOf}` : ""}
            </td>
            <td>
              <StatePill state={d.state} />
            </td>
            <td className="font-mono">
              {d.changes.length === 0 ? (
                <span className="text-slate-500 dark:text-slate-400">no change</span>
              ) : (
                d.changes.map((c) => (
                  <span key={c.field} className="mr-3 inline-block">
                    {c.field}:{" "}
                    <span className="text-red-600 dark:text-red-400 line-through">{String(c.from ?? "—")}</span> →{" "}
                    <span className="text-emerald-700 dark:text-emerald-300">{String(c.to ?? "—")}</span>
                  </span>
                ))
              )}
            </td>
            <td>
              {d.requestedBy}
              {d.approvedBy ? ` (approved by ${d.approvedBy})` : ""} · {d.reason}
              {d.message ? <span className="block text-slate-500 dark:text-slate-400">{d.message}</span> : null}
            </td>
            <td className="whitespace-nowrap">
              <Time at={d.createdAt} />
            </td>
            <td>
              {d.state === "SUCCEEDED" && d.revision !== target.desired.revision && (
                <Button
                  className="px-2 py-0.5 text-xs"
                  disabledReason={blocker}
                  onClick={() =>
                    act(`Roll back ${target.tenant} ${target.stage}`, `/api/deployments/${d.id}/rollback`, "POST", {
                      revision: d.revision,
                      reason: `roll back to revision ${d.revision} from the console`,
                    })
                  }
                >
                  Roll back to {d.revision}
                </Button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Logs({ deploymentId }: { deploymentId: string }) {
  const { data, error, refetch } = useQuery({
    queryKey: ["deployment-logs", deploymentId],
    queryFn: () =>
      fetchJson<{
        instances: Array<{
          instanceId: string;
          state: string;
          restarts: number;
          logTail: string;
          logNote: string | null;
        }>;
      }>(`/api/deployments/${deploymentId}/logs`),
    refetchInterval: 3_000,
  });
  if (!data)
    return error ? (
      <QueryError what="Could not load the logs" error={error} refetch={refetch} />
    ) : (
      <p className="text-sm text-slate-500 dark:text-slate-400">Loading logs…</p>
    );
  if (data.instances.length === 0)
    return (
      <p className="text-sm text-slate-500 dark:text-slate-400">No instance runs, so there is no output to show.</p>
    );
  return (
    <div className="grid gap-3" data-testid="logs">
      {data.instances.map((i) => (
        <div key={i.instanceId}>
          <p className="mb-1 text-xs font-medium text-slate-700 dark:text-slate-300">
            {i.instanceId} · {i.state} · {i.restarts} restart(s)
          </p>
          <pre className="max-h-64 overflow-auto rounded-md bg-slate-900 p-3 text-[11px] leading-relaxed text-slate-100">
            {i.logTail ? formatLogText(i.logTail) : (i.logNote ?? "(no output yet)")}
          </pre>
        </div>
      ))}
    </div>
  );
}
