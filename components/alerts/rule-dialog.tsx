"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { fetchJson } from "@/components/ui/fetch-json";
import { FormFooter } from "@/components/ui/form-footer";
import { describeRule } from "./describe-rule";

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 dark:border-slate-600 px-3 py-1.5 text-sm";
const labelClass = "block text-sm font-medium text-slate-700 dark:text-slate-300";
const STAGES = ["cdc-processor", "update-processor", "retry-processor"];
const STATUSES = ["ERR", "STOP", "STALL", "WARN", "REWIND"];
const KINDS = [
  { value: "lag_seconds", label: "Lag in seconds above a threshold" },
  { value: "status", label: "Stage status (Burrow rules)" },
  { value: "dlq_growth", label: "Dead-letter topic growing" },
  { value: "reconcile_drift", label: "Reconciliation finds differing ids" },
] as const;
/** conditions about the whole tenant, not one stage */
const TENANT_WIDE = ["dlq_growth", "reconcile_drift"];

/** Creates an alert rule in one of the tenants the viewer manages alerts of. */
export function RuleDialog({
  tenants,
  onClose,
  onCreated,
}: {
  tenants: readonly string[];
  onClose: () => void;
  onCreated: () => void;
}) {
  const [kind, setKind] = useState<string>("lag_seconds");
  const [stage, setStage] = useState<string>("");
  const [threshold, setThreshold] = useState(60);
  const [forMinutes, setForMinutes] = useState(5);
  const [statuses, setStatuses] = useState<string[]>(["ERR"]);
  const create = useMutation({
    mutationFn: (form: FormData) =>
      fetchJson("/api/alerts/rules", {
        method: "POST",
        body: {
          tenant: String(form.get("tenant")),
          name: String(form.get("name") ?? ""),
          kind,
          stage: TENANT_WIDE.includes(kind) || stage === "" ? null : stage,
          threshold,
          statuses: kind === "status" ? statuses : [],
          forMinutes,
          webhookUrl: String(form.get("webhookUrl") ?? "").trim() || null,
        },
      }),
    onSuccess: onCreated,
  });
  const toggleStatus = (s: string) =>
    setStatuses(statuses.includes(s) ? statuses.filter((x) => x !== s) : [...statuses, s]);

  return (
    <Dialog title="New alert rule" onClose={onClose}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(new FormData(e.currentTarget));
        }}
      >
        <div className="grid grid-cols-2 gap-3">
          <label className={labelClass}>
            Tenant
            <select name="tenant" className={inputClass}>
              {tenants.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
          <label className={labelClass}>
            Name
            <input name="name" required maxLength={120} placeholder="Update lag" className={inputClass} />
          </label>
        </div>
        <label className={labelClass}>
          When
          <select
            aria-label="Condition"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              if (e.target.value === "dlq_growth") {
                setThreshold(0);
                setForMinutes(10);
              }
              if (e.target.value === "reconcile_drift") {
                setThreshold(0);
                setForMinutes(0);
              }
            }}
            className={inputClass}
          >
            {KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        {!TENANT_WIDE.includes(kind) && (
          <label className={labelClass}>
            Stage
            <select aria-label="Stage" value={stage} onChange={(e) => setStage(e.target.value)} className={inputClass}>
              <option value="">any stage</option>
              {STAGES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        )}
        {kind === "status" ? (
          <fieldset className="text-sm">
            <legend className="font-medium text-slate-700 dark:text-slate-300">Statuses</legend>
            <div className="mt-1 flex gap-3">
              {STATUSES.map((s) => (
                <label key={s} className="flex items-center gap-1">
                  <input type="checkbox" checked={statuses.includes(s)} onChange={() => toggleStatus(s)} />
                  {s}
                </label>
              ))}
            </div>
          </fieldset>
        ) : (
          <label className={labelClass}>
            {kind === "dlq_growth"
              ? "More than (messages)"
              : kind === "reconcile_drift"
                ? "More than (differing ids)"
                : "Above (seconds)"}
            <input
              aria-label="Threshold"
              type="number"
              min={0}
              step="any"
              value={threshold}
              onChange={(e) => setThreshold(Number(e.target.value))}
              className={inputClass}
            />
          </label>
        )}
        {kind !== "reconcile_drift" && (
          <label className={labelClass}>
            {kind === "dlq_growth" ? "Within (minutes)" : "For at least (minutes)"}
            <input
              aria-label="Minutes"
              type="number"
              min={kind === "dlq_growth" ? 1 : 0}
              max={1440}
              value={forMinutes}
              onChange={(e) => setForMinutes(Number(e.target.value))}
              className={inputClass}
            />
          </label>
        )}
        <label className={labelClass}>
          Webhook (optional)
          <input name="webhookUrl" type="url" placeholder="https://hooks.example.com/…" className={inputClass} />
          <span className="mt-1 block text-xs font-normal text-slate-500 dark:text-slate-400">
            Receives a JSON POST when the alert fires and when it resolves; a `text` field makes chat webhooks show it
            as is.
          </span>
        </label>
        <p className="rounded-md bg-slate-50 dark:bg-slate-800/50 px-3 py-2 text-sm text-slate-700 dark:text-slate-300">
          Fires when {describeRule({ kind, stage: stage || null, threshold, statuses, forMinutes })}.
        </p>
        <FormFooter
          error={create.error}
          pending={create.isPending}
          label="Create rule"
          pendingLabel="Creating…"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
