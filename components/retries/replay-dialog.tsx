"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { fetchJson } from "@/components/ui/fetch-json";
import type { ReplayPreview } from "@/server/retries/dlq-replay";
import type { Selection } from "@/server/retries/replay-selection";

/** Dry run first, then replay: the preview shows how many, where to, and which entities already moved on. */
export function ReplayDialog({
  tenant,
  selection,
  label,
  onClose,
  onStarted,
}: {
  tenant: string;
  selection: Selection;
  label: string;
  onClose: () => void;
  onStarted: () => void;
}) {
  const [target, setTarget] = useState<"original" | "retry">("original");
  const [rate, setRate] = useState(1_000);
  const [preview, setPreview] = useState<ReplayPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const result = await fetchJson<{ preview?: ReplayPreview }>(`/api/tenants/${tenant}/dlq/replay`, {
        method: "POST",
        body: { selection, target, ratePerSec: rate, dryRun },
      });
      if (dryRun) setPreview(result.preview ?? null);
      else onStarted();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Replay ${label}`} onClose={onClose}>
      <div className="space-y-4 text-sm">
        <fieldset className="space-y-1">
          <legend className="font-medium text-slate-700 dark:text-slate-300">Send to</legend>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              checked={target === "original"}
              onChange={() => {
                setTarget("original");
                setPreview(null);
              }}
            />{" "}
            the original topic (a first delivery again)
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              checked={target === "retry"}
              onChange={() => {
                setTarget("retry");
                setPreview(null);
              }}
            />{" "}
            the first retry step (retried on failure)
          </label>
        </fieldset>
        <label className="block">
          <span className="font-medium text-slate-700 dark:text-slate-300">Rate limit (messages per second)</span>
          <input
            type="number"
            min={1}
            max={50_000}
            value={rate}
            onChange={(e) => setRate(Number(e.target.value) || 1)}
            className="mt-1 w-40 rounded-md border border-slate-300 dark:border-slate-600 px-2 py-1"
          />
        </label>
        {preview && (
          <div
            className="rounded-lg border border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/50 p-3"
            data-testid="replay-preview"
          >
            <p className="font-medium text-slate-900 dark:text-slate-100">
              Dry run: {preview.countCapped ? "more than " : ""}
              {preview.count} message(s) would be replayed.
            </p>
            <ul className="mt-2 max-h-32 overflow-y-auto text-xs text-slate-600 dark:text-slate-300">
              {preview.sample.map((s) => (
                <li key={s.id}>
                  {s.entity ?? `#${s.id}`} ({s.errorClass}) →{" "}
                  {s.topic ?? <span className="text-amber-700 dark:text-amber-300">skipped: {s.skip}</span>}
                </li>
              ))}
            </ul>
            {preview.newerApplied.length > 0 && (
              <p
                className="mt-2 rounded-md bg-amber-50 dark:bg-amber-950/40 px-2 py-1 text-xs text-amber-800 dark:text-amber-200"
                role="status"
              >
                Warning: {preview.newerApplied.length} of the first {preview.newerChecked} already have a newer change
                applied in the target (
                {preview.newerApplied
                  .slice(0, 3)
                  .map((n) => n.entity)
                  .join(", ")}
                …). Replaying them is safe but changes nothing.
              </p>
            )}
          </div>
        )}
        {error && (
          <p className="text-red-700 dark:text-red-300" role="status">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={() => void send(true)} disabled={busy}>
            Dry run
          </Button>
          <Button
            variant="primary"
            onClick={() => void send(false)}
            disabledReason={preview ? (busy ? "working…" : null) : "run a dry run first"}
          >
            Replay
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
