"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/components/ui/fetch-json";
import { ProgressBar } from "@/components/ui/progress-bar";
import { QueryError } from "@/components/ui/query-error";
import { StatusPill, type Tone } from "@/components/ui/status-dot";
import { Time } from "@/components/ui/time";
import type { TenantMoveJson, TenantPlacementJson } from "./types";

const STATE_TONE: Record<TenantMoveJson["state"], Tone> = { RUNNING: "stall", SUCCEEDED: "ok", FAILED: "err" };
const BAR_TONE = { RUNNING: "progress", SUCCEEDED: "done", FAILED: "failed" } as const;
const STEP_WORDS: Record<TenantMoveJson["step"], string> = {
  release: "old target released",
  consume: "new target consuming",
  "catch-up": "caught up",
  done: "done",
};
const STEP_MARK = { done: "✓", current: "…", failed: "✗", pending: "·" } as const;

const placementWords = (p: string) => (p === "dedicated" ? "dedicated processors" : p);

/** Where a tenant's processors run, a "Move to…" action, and its latest moves step by step. */
export function TenantPlacement({ tenant, pools }: { tenant: string; pools: string[] }) {
  const queryClient = useQueryClient();
  const key = ["tenant-placement", tenant];
  const [choice, setChoice] = useState("");
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const { data, error, refetch } = useQuery({
    queryKey: key,
    queryFn: () => fetchJson<TenantPlacementJson>(`/api/tenants/${encodeURIComponent(tenant)}/placement`),
    refetchInterval: 2_000,
  });
  if (error)
    return <QueryError what="Could not load the placement" error={error} refetch={refetch} className="mx-5 my-2" />;
  if (!data) return null;

  const running = data.moves.find((m) => m.state === "RUNNING");
  const destinations = ["dedicated", ...pools].filter((p) => p !== data.placement);
  const blocker =
    (busy ? "Working…" : null) ??
    data.cannotMove ??
    (running ? `A move to ${placementWords(running.to)} is running; wait for it` : null) ??
    (choice === "" ? "Pick where to move it first" : null);

  const move = async () => {
    setBusy(true);
    try {
      const started = await fetchJson<TenantMoveJson>(`/api/tenants/${encodeURIComponent(tenant)}/placement`, {
        method: "POST",
        body: { placement: choice },
      });
      setNotice({
        ok: started.state !== "FAILED",
        text: `Moving ${tenant} to ${placementWords(started.to)}: ${started.message}`,
      });
      setChoice("");
    } catch (e) {
      setNotice({ ok: false, text: `Move: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: key });
    }
  };

  return (
    <section className="border-t border-slate-100 dark:border-slate-800 px-5 py-4" data-testid="tenant-placement">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span>
          <span className="text-slate-500 dark:text-slate-400">{tenant} runs on </span>
          <strong>{placementWords(data.placement)}</strong>
        </span>
        <select
          aria-label="move to"
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          className="rounded-md border border-slate-300 dark:border-slate-600 px-2 py-1 text-sm"
        >
          <option value="">Move to…</option>
          {destinations.map((p) => (
            <option key={p} value={p}>
              {placementWords(p)}
            </option>
          ))}
        </select>
        <Button onClick={move} disabledReason={blocker}>
          Move
        </Button>
      </div>
      {notice && (
        <p
          role="status"
          className={`mt-2 text-sm ${notice.ok ? "text-emerald-700 dark:text-emerald-300" : "text-red-700 dark:text-red-300"}`}
        >
          {notice.text}
        </p>
      )}
      <ul className="mt-3 flex flex-col gap-3">
        {data.moves.slice(0, 3).map((m) => (
          <MoveItem key={m.id} move={m} />
        ))}
      </ul>
    </section>
  );
}

function MoveItem({ move }: { move: TenantMoveJson }) {
  const label = `${placementWords(move.from)} → ${placementWords(move.to)}`;
  return (
    <li
      className="flex flex-col gap-2 rounded-md border border-slate-200 dark:border-slate-700 p-3 text-sm"
      data-testid="tenant-move"
    >
      <div className="flex flex-wrap items-center gap-3">
        <span className="font-medium">{label}</span>
        <StatusPill tone={STATE_TONE[move.state]} label={move.state.toLowerCase()} />
        <span className="text-xs text-slate-500 dark:text-slate-400">
          by {move.requestedBy}, <Time at={move.startedAt} />
        </span>
      </div>
      <ProgressBar
        value={move.percent}
        max={100}
        label={`${move.percent}% · ${STEP_WORDS[move.step]}`}
        name={`move of ${move.tenant}: ${label}`}
        tone={BAR_TONE[move.state]}
        testId="move-progress"
      />
      <ol className="flex flex-wrap gap-3 text-xs">
        {move.steps
          .filter((s) => s.step !== "done")
          .map((s) => (
            <li
              key={s.step}
              className={
                s.status === "failed"
                  ? "text-red-700 dark:text-red-300"
                  : s.status === "done"
                    ? "text-emerald-700 dark:text-emerald-300"
                    : s.status === "current"
                      ? "font-medium"
                      : "text-slate-400"
              }
            >
              {STEP_MARK[s.status]} {STEP_WORDS[s.step]}
            </li>
          ))}
      </ol>
      {move.message && <p className="text-xs text-slate-600 dark:text-slate-300">{move.message}</p>}
    </li>
  );
}
