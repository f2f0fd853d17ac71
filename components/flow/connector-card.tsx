"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { fetchJson } from "@/components/ui/fetch-json";
import { StatusPill, type Tone } from "@/components/ui/status-dot";
import type { ConnectorView, TaskView } from "@/server/flow/connector-state";
import { ConnectorStatePill } from "./format-flow";

const FRESHNESS_TONE: Record<string, Tone> = {
  streaming: "ok",
  idle: "idle",
  behind: "warn",
  stopped: "err",
  unknown: "idle",
};

function Trace({ trace, summary }: { trace: string | null; summary: TaskView["summary"] }) {
  if (!trace || !summary) return null;
  return (
    <div
      className="mt-2 rounded-md border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 p-3 text-xs text-red-800 dark:text-red-200"
      data-testid="connector-trace"
    >
      <p className="font-semibold">
        {summary.exception}
        {summary.message ? `: ${summary.message}` : ""}
      </p>
      {summary.rootCause && <p className="mt-1">Root cause: {summary.rootCause}</p>}
      <details className="mt-2">
        <summary className="cursor-pointer">Full trace ({summary.frames} frames)</summary>
        <pre className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap font-mono text-[11px]">{trace}</pre>
      </details>
    </div>
  );
}

function SnapshotBar({ snapshot }: { snapshot: NonNullable<ConnectorView["snapshot"]> }) {
  const percent = snapshot.fraction === null ? null : Math.round(snapshot.fraction * 100);
  return (
    <div data-testid="snapshot-progress">
      <div className="flex justify-between text-xs text-slate-600 dark:text-slate-300">
        <span>Snapshot running</span>
        <span>
          {snapshot.rowsTotal === null
            ? `${snapshot.rowsDone} rows captured`
            : `${snapshot.rowsDone} / ${snapshot.rowsTotal} rows (${percent} %)`}
        </span>
      </div>
      <div
        className="mt-1 h-2 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
      >
        <div className="h-full bg-indigo-500 transition-all" style={{ width: `${percent ?? 5}%` }} />
      </div>
      <p className="mt-1 text-[11px] text-slate-500 dark:text-slate-400">
        Estimate: messages on the cdc topics against the source tables&apos; row count.
      </p>
    </div>
  );
}

export function ConnectorCard({
  slug,
  connector,
  canManage,
}: {
  slug: string;
  connector: ConnectorView;
  canManage: string | null;
}) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: (body: { action: string; taskId?: number }) =>
      fetchJson(`/api/tenants/${slug}/connector`, { method: "POST", body }),
    onSuccess: (_data, body) => {
      setMessage(`${body.action}${body.taskId === undefined ? "" : ` of task ${body.taskId}`} requested`);
      void queryClient.invalidateQueries({ queryKey: ["tenant-flow", slug] });
    },
    onError: (error: Error) => setMessage(error.message),
  });
  const busy = act.isPending ? "a request is running" : null;
  const reason = canManage ?? busy;
  const present = connector.state !== "MISSING" && connector.state !== "UNREACHABLE";
  return (
    <Card>
      <CardHeader
        title={`Connector ${connector.name}`}
        description={connector.workerId ? `on worker ${connector.workerId}` : (connector.reason ?? undefined)}
        action={
          <span data-testid="connector-state">
            <ConnectorStatePill state={connector.state} title={connector.reason ?? undefined} />
          </span>
        }
      />
      <CardBody className="space-y-4">
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-500 dark:text-slate-400">CDC freshness</span>
          <span data-testid="connector-freshness">
            <StatusPill
              tone={FRESHNESS_TONE[connector.freshness.kind] ?? "idle"}
              label={connector.freshness.kind}
              title={connector.freshness.label}
            />
          </span>
          <span className="text-xs text-slate-500 dark:text-slate-400">{connector.freshness.label}</span>
        </div>
        {connector.snapshot?.running && <SnapshotBar snapshot={connector.snapshot} />}
        {present && (
          <div className="flex flex-wrap gap-2">
            <Button
              disabledReason={reason ?? (connector.state === "PAUSED" ? "already paused" : null)}
              onClick={() => act.mutate({ action: "pause" })}
            >
              Pause
            </Button>
            <Button
              disabledReason={reason ?? (connector.state !== "PAUSED" ? "not paused" : null)}
              onClick={() => act.mutate({ action: "resume" })}
            >
              Resume
            </Button>
            <Button variant="danger" disabledReason={reason} onClick={() => act.mutate({ action: "restart" })}>
              Restart connector
            </Button>
          </div>
        )}
        {message && (
          <p className="text-xs text-slate-600 dark:text-slate-300" role="status">
            {message}
          </p>
        )}
        <Trace trace={connector.trace} summary={connector.summary} />
        <ul className="divide-y divide-slate-100 dark:divide-slate-800 text-sm" aria-label="Connector tasks">
          {connector.tasks.map((task) => (
            <li key={task.id} className="py-2" data-testid={`connector-task-${task.id}`}>
              <div className="flex items-center justify-between gap-3">
                <span>
                  Task {task.id} <span className="text-xs text-slate-500 dark:text-slate-400">{task.workerId}</span>
                </span>
                <span className="flex items-center gap-2">
                  <ConnectorStatePill state={task.state} title={task.summary?.rootCause ?? undefined} />
                  {task.state === "FAILED" && (
                    <Button
                      variant="danger"
                      className="px-2 py-0.5 text-xs"
                      disabledReason={reason}
                      onClick={() => act.mutate({ action: "restart-task", taskId: task.id })}
                    >
                      Restart task {task.id}
                    </Button>
                  )}
                </span>
              </div>
              <Trace trace={task.trace} summary={task.summary} />
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}
