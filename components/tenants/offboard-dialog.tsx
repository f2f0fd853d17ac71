"use client";

import { Check, Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { inputClass } from "./field";
import type { TenantDetailJson } from "./types";

/** What offboarding deletes and keeps, then the slug typed exactly before the button works. */
export function OffboardDialog({
  detail,
  busy,
  onClose,
  onConfirm,
}: {
  detail: TenantDetailJson;
  busy: boolean;
  onClose: () => void;
  onConfirm: (confirm: string) => void;
}) {
  const [typed, setTyped] = useState("");
  const slug = detail.tenant.slug;
  return (
    <Dialog title={`Offboard ${detail.tenant.name}`} onClose={onClose}>
      <div className="space-y-4 text-sm">
        <div>
          <h3 className="font-semibold text-red-800 dark:text-red-200">Deleted</h3>
          <ul className="mt-1 space-y-1" data-testid="offboard-deleted">
            {detail.offboardPlan.deleted.map((line) => (
              <li key={line} className="flex gap-2 text-slate-700 dark:text-slate-300">
                <Trash2 className="mt-0.5 h-3.5 w-3.5 shrink-0 text-red-600 dark:text-red-400" aria-hidden />
                <span className="[overflow-wrap:anywhere]">{line}</span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="font-semibold text-emerald-800 dark:text-emerald-200">Kept</h3>
          <ul className="mt-1 space-y-1" data-testid="offboard-kept">
            {detail.offboardPlan.kept.map((line) => (
              <li key={line} className="flex gap-2 text-slate-700 dark:text-slate-300">
                <Check className="mt-0.5 h-3.5 w-3.5 shrink-0 text-emerald-600 dark:text-emerald-400" aria-hidden />
                <span>{line}</span>
              </li>
            ))}
          </ul>
        </div>
        <label className="block">
          <span className="font-medium text-slate-700 dark:text-slate-300">
            Type <span className="font-mono">{slug}</span> to confirm
          </span>
          <input
            className={`${inputClass} font-mono`}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            aria-label="confirm slug"
          />
        </label>
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="danger"
            disabledReason={typed !== slug ? `type ${slug} exactly` : busy ? "working…" : null}
            onClick={() => onConfirm(typed)}
          >
            Offboard
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
