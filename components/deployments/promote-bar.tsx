"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/components/ui/fetch-json";
import type { TargetJson } from "./types";

type Promotion = { deployments: Array<{ stage: string; revision: number }>; approval: "required" | "not required" };

/**
 * Promote what a target (the picked tenant's processors, or its pool's) runs in this environment
 * to another: one action, a revision per stage that differs (POST /api/deployments/promote).
 * Shown once a tenant is picked, for viewers who may deploy every stage of the target.
 */
export function PromoteBar({
  environmentId,
  environments,
  targets,
  onDone,
}: {
  environmentId: string;
  environments: Array<{ id: string; name: string }>;
  targets: readonly TargetJson[];
  onDone: (notice: { ok: boolean; text: string }) => Promise<void>;
}) {
  const names = [...new Set(targets.map((t) => t.tenant))].sort();
  const others = environments.filter((e) => e.id !== environmentId);
  const [picked, setPicked] = useState(names[0] ?? "");
  const [to, setTo] = useState(others[0]?.id ?? "");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const target = names.includes(picked) ? picked : (names[0] ?? "");
  if (!target || others.length === 0) return null;
  // the roles decide here; the destination's environment limit is the server's to check
  const allowed = targets
    .filter((t) => t.tenant === target)
    .every((t) => t.permissions.deploy || t.permissions.environmentDenied !== null);
  const blocker = busy
    ? "Working…"
    : !allowed
      ? `Your role does not include deploy.create for ${target}`
      : reason.trim().length < 3
        ? "Say why (at least 3 characters)"
        : null;

  const promote = async () => {
    setBusy(true);
    const destination = others.find((e) => e.id === (to || others[0]!.id))!;
    try {
      const result = await fetchJson<Promotion>("/api/deployments/promote", {
        method: "POST",
        body: { target, from: environmentId, to: destination.id, reason: reason.trim() },
      });
      const revisions = result.deployments.map((d) => `${d.stage} revision ${d.revision}`).join(", ");
      await onDone({
        ok: true,
        text: `Promoted ${target} to ${destination.name}: ${revisions}${result.approval === "required" ? " — waiting for an admin's approval there" : " — queued"}`,
      });
      setReason("");
    } catch (e) {
      await onDone({ ok: false, text: `Promote ${target}: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };

  const field = "rounded-md border border-slate-300 dark:border-slate-600 px-2 py-1 text-sm";
  return (
    <div
      className="flex flex-wrap items-center gap-2 border-t border-slate-100 dark:border-slate-800 px-5 py-2 text-sm"
      data-testid="promote-bar"
    >
      <span className="text-slate-600 dark:text-slate-300">Promote</span>
      {names.length > 1 ? (
        <select
          aria-label="target to promote"
          value={target}
          onChange={(e) => setPicked(e.target.value)}
          className={field}
        >
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      ) : (
        <span className="font-medium">{target}</span>
      )}
      <span className="text-slate-600 dark:text-slate-300">as it runs here to</span>
      <select aria-label="promote to environment" value={to} onChange={(e) => setTo(e.target.value)} className={field}>
        {others.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name}
          </option>
        ))}
      </select>
      <input
        aria-label="reason for the promotion"
        placeholder="why (e.g. release 2.2 passed staging)"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        className={`${field} min-w-64 flex-1`}
      />
      <Button variant="primary" disabledReason={blocker} onClick={promote}>
        Promote
      </Button>
    </div>
  );
}
