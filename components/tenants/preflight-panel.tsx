"use client";

import { useQuery } from "@tanstack/react-query";
import { CheckCircle2, Loader2, RefreshCw, XCircle } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { fetchJson } from "@/components/ui/fetch-json";
import { approveBlockedReason } from "./detail-state";
import { inputClass } from "./field";
import { SourceSecretForm } from "./source-secret-form";
import type { PreflightJson, TenantDetailJson } from "./types";

/** The approval screen: pre-flight checks with their findings, Approve (when all pass) and Decline with a reason. */
export function PreflightPanel({
  detail,
  mine,
  busy,
  act,
}: {
  detail: TenantDetailJson;
  mine: boolean;
  busy: boolean;
  act: (label: string, path: string, body?: unknown, method?: "POST" | "PUT") => Promise<boolean>;
}) {
  const slug = detail.tenant.slug;
  const [reason, setReason] = useState("");
  const { data, error, isFetching, refetch } = useQuery({
    queryKey: ["tenant-preflight", slug],
    queryFn: () => fetchJson<PreflightJson>(`/api/tenants/${slug}/preflight`),
    staleTime: Infinity,
  });
  const blocked = approveBlockedReason({
    canApprove: detail.can.approve,
    mine,
    status: detail.tenant.status,
    checks: error ? [{ ok: false, label: "checks could not run" }] : data?.checks,
    checking: isFetching,
  });
  return (
    <Card className="ring-1 ring-indigo-200 dark:ring-indigo-800">
      <CardHeader
        title="Approval"
        description="Pre-flight checks run against the real broker, Connect and source server; approving re-runs them."
        action={
          <Button
            onClick={() => void refetch()}
            disabled={isFetching}
            className="inline-flex shrink-0 items-center gap-1.5 whitespace-nowrap"
          >
            <RefreshCw className={`h-3.5 w-3.5 ${isFetching ? "animate-spin" : ""}`} aria-hidden /> Re-run checks
          </Button>
        }
      />
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="preflight">
        {isFetching && !data && (
          <li className="flex items-center gap-2 px-5 py-3 text-sm text-slate-500 dark:text-slate-400">
            <Loader2 className="h-4 w-4 animate-spin" aria-hidden /> Running the checks…
          </li>
        )}
        {error && (
          <li className="px-5 py-3 text-sm text-red-700 dark:text-red-300">
            The checks could not run: {error.message}
          </li>
        )}
        {data?.checks.map((c) => (
          <li
            key={c.key}
            className="flex items-start gap-3 px-5 py-2.5 text-sm"
            data-testid={`check-${c.key}`}
            data-ok={c.ok}
          >
            {c.ok ? (
              <CheckCircle2
                className="mt-0.5 h-4 w-4 shrink-0 text-emerald-600 dark:text-emerald-400"
                aria-label="passed"
              />
            ) : (
              <XCircle className="mt-0.5 h-4 w-4 shrink-0 text-red-600 dark:text-red-400" aria-label="failed" />
            )}
            <div className="min-w-0">
              <p className="font-medium text-slate-800 dark:text-slate-200">{c.label}</p>
              <p
                className={`text-xs [overflow-wrap:anywhere] ${c.ok ? "text-slate-500 dark:text-slate-400" : "text-red-700 dark:text-red-300"}`}
              >
                {c.detail}
              </p>
            </div>
          </li>
        ))}
      </ul>
      <CardBody className="space-y-3 border-t border-slate-100 dark:border-slate-800">
        {detail.can.assignSecret && (
          <SourceSecretForm
            assigned={!detail.tenant.source.includes("no password secret assigned")}
            busy={busy}
            assign={async (passwordSecret) => {
              const ok = await act("Assign secret", "source-secret", { passwordSecret }, "PUT");
              if (ok) void refetch();
              return ok;
            }}
          />
        )}
        <div className="flex flex-wrap items-center gap-3">
          <Button
            variant="primary"
            disabledReason={busy ? "working…" : blocked}
            onClick={() => void act("Approve", "approve")}
          >
            Approve and provision
          </Button>
          {blocked && (
            <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="approve-blocked">
              Approve is off: {blocked}
            </p>
          )}
        </div>
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void act("Decline", "decline", { reason }).then((ok) => ok && setReason(""));
          }}
        >
          <label className="min-w-64 flex-1 text-sm">
            <span className="font-medium text-slate-700 dark:text-slate-300">Reason to decline</span>
            <textarea
              className={inputClass}
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder="shown to the requester"
            />
          </label>
          <Button
            type="submit"
            variant="danger"
            disabledReason={
              !detail.can.decline
                ? "you may not decline this request"
                : reason.trim() === ""
                  ? "a reason is required"
                  : busy
                    ? "working…"
                    : null
            }
          >
            Decline
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
