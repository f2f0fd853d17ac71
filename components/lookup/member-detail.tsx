"use client";

import Link from "@/components/ui/link";
import { useMutation, useQuery } from "@tanstack/react-query";
import { AlertTriangle, CheckCircle2, Eye, RefreshCw } from "lucide-react";
import { Fragment, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { fetchJson } from "@/components/ui/fetch-json";
import { formatDuration } from "@/lib/duration";
import type { MemberPage } from "@/server/lookup/lookup";
import type { Profile } from "@/server/lookup/member-view";
import type { SyncState } from "@/server/lookup/sync-state";
import { ClaimTimeline } from "./claim-timeline";
import { dlqHref } from "./links";
import { SyncStatePill } from "./sync-state-pill";
import { Time } from "@/components/ui/time";
import { QueryError } from "@/components/ui/query-error";
import { ProgressBar } from "@/components/ui/progress-bar";
import { resyncProgress } from "./resync-progress";

type Resync = { touched: string[]; requestedAt: string };

function StateDetail({ state, tenant, claimId }: { state: SyncState; tenant: string; claimId: string }) {
  switch (state.kind) {
    case "in_sync":
      return (
        <span>
          {state.latencyMs === null
            ? ""
            : `applied ${formatDuration(state.latencyMs, { zeroParts: "show" })} after the source commit`}
        </span>
      );
    case "in_flight":
      return (
        <span>
          {state.where}, for {formatDuration(state.sinceMs, { zeroParts: "show" })}
        </span>
      );
    case "retrying":
      return (
        <span>
          attempt {state.attempt}, next try <Time at={state.nextTryAt} style="clock" /> — {state.error}
        </span>
      );
    case "failed":
      return (
        <span>
          {state.reason} ({state.attempts} attempt{state.attempts === 1 ? "" : "s"}, in DLQ since{" "}
          <Time at={state.since} style="clock" />){" "}
          <Link
            className="font-medium text-indigo-700 dark:text-indigo-300 underline"
            href={dlqHref(tenant, `claim:${claimId}`)}
          >
            Open in DLQ
          </Link>
        </span>
      );
    default:
      return <span>{state.detail}</span>;
  }
}

function ProfileCard({
  page,
  revealed,
  onReveal,
  revealing,
}: {
  page: MemberPage;
  revealed: Profile | null;
  onReveal: () => void;
  revealing: boolean;
}) {
  const profile = revealed ?? page.profile;
  const rows: [string, string | null | undefined][] = profile
    ? [
        ["Name", profile.name],
        ["Date of birth", profile.dateOfBirth],
        ["Address", profile.addressLine],
        ["City", [profile.city, profile.state].filter(Boolean).join(", ")],
        ["Postal code", profile.postalCode],
        ["Plan", profile.planId],
        ["Status", profile.status],
      ]
    : [];
  return (
    <Card>
      <CardHeader
        title={`Member ${page.memberId}`}
        description={`${page.tenant} · ${profile?.masked === false ? "unmasked (this view was audited)" : "health data masked"}`}
        action={
          profile?.masked !== false && (
            <Button
              onClick={onReveal}
              disabled={revealing}
              disabledReason={page.canReveal ?? (page.profile ? null : "The target has no profile for this member")}
            >
              <Eye className="mr-1 inline h-4 w-4" aria-hidden />
              Reveal
            </Button>
          )
        }
      />
      <CardBody>
        {profile ? (
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm md:grid-cols-4">
            {rows.map(([label, value]) => (
              <div key={label}>
                <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
                <dd className="font-medium text-slate-900 dark:text-slate-100">{value || "—"}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-300">The target has no record of this member yet.</p>
        )}
        <div className="mt-3 flex items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
          Member record: <SyncStatePill state={page.memberState} />
        </div>
      </CardBody>
    </Card>
  );
}

function ResyncProgress({ page, resync }: { page: MemberPage; resync: Resync }) {
  const progress = resyncProgress(resync.touched, page.memberState, page.claims);
  return (
    <div
      className="rounded-lg border border-indigo-200 dark:border-indigo-800 bg-indigo-50 dark:bg-indigo-950/40 px-4 py-3 text-sm"
      role="status"
      aria-label="Re-sync progress"
    >
      <div className="flex justify-between text-indigo-900 dark:text-indigo-100">
        <span>{progress.label}</span>
        <span>
          requested <Time at={resync.requestedAt} style="time" />
        </span>
      </div>
      <div className="mt-2">
        <ProgressBar
          value={progress.inSync}
          max={progress.total}
          name="Re-sync"
          label={`${progress.inSync} of ${progress.total} in sync${progress.failed ? `, ${progress.failed} failed` : ""}`}
          tone={progress.failed ? "failed" : progress.finished ? "done" : "progress"}
          testId="resync-progress"
        />
      </div>
    </div>
  );
}

export function MemberDetail({ initial }: { initial: MemberPage }) {
  const [revealed, setRevealed] = useState<Profile | null>(null);
  const [resync, setResync] = useState<Resync | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const url = `/api/tenants/${encodeURIComponent(initial.tenant)}/members/${encodeURIComponent(initial.memberId)}`;
  const {
    data: page = initial,
    error,
    refetch,
  } = useQuery({
    queryKey: ["member", initial.tenant, initial.memberId],
    queryFn: () => fetchJson<MemberPage>(url),
    initialData: initial,
    refetchInterval: resync ? 1_500 : 5_000,
  });
  const reveal = useMutation({
    mutationFn: () => fetchJson<{ profile: Profile }>(`${url}/reveal`, { method: "POST" }),
    onSuccess: (r) => setRevealed(r.profile),
  });
  const resyncMutation = useMutation({
    mutationFn: (claimId: string | null) => fetchJson<Resync>(`${url}/resync`, { method: "POST", body: { claimId } }),
    onSuccess: setResync,
  });
  const problem =
    page.claims.some((c) => c.state.kind !== "in_sync" && c.state.kind !== "in_flight") ||
    page.memberState.kind === "failed";
  return (
    <div className="space-y-5">
      <div
        className={
          problem
            ? "flex items-start gap-3 rounded-lg border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 px-4 py-3 text-red-900 dark:text-red-100"
            : "flex items-start gap-3 rounded-lg border border-emerald-200 dark:border-emerald-800 bg-emerald-50 dark:bg-emerald-950/40 px-4 py-3 text-emerald-900 dark:text-emerald-100"
        }
      >
        {problem ? (
          <AlertTriangle className="mt-0.5 h-5 w-5 shrink-0" aria-hidden />
        ) : (
          <CheckCircle2 className="mt-0.5 h-5 w-5 shrink-0" aria-hidden />
        )}
        <p className="text-base font-medium" data-testid="explanation">
          {page.explanation}
        </p>
      </div>
      {!page.sourceReadable && (
        <p className="text-sm text-amber-800 dark:text-amber-200">
          The source database could not be read; states come from the event trail alone.
        </p>
      )}
      {error && <QueryError what="Refreshing failed" error={error} refetch={refetch} />}
      {reveal.error && <p className="text-sm text-red-700 dark:text-red-300">{reveal.error.message}</p>}
      {resyncMutation.error && <p className="text-sm text-red-700 dark:text-red-300">{resyncMutation.error.message}</p>}
      {resync && <ResyncProgress page={page} resync={resync} />}
      <ProfileCard page={page} revealed={revealed} onReveal={() => reveal.mutate()} revealing={reveal.isPending} />
      <Card>
        <CardHeader
          title={`Claims (${page.claims.length})`}
          description="Sync state per claim: the source's version against the target's, and what the pipeline recorded."
          action={
            <Button
              variant="primary"
              onClick={() => resyncMutation.mutate(null)}
              disabled={resyncMutation.isPending}
              disabledReason={page.canResync}
            >
              <RefreshCw className="mr-1 inline h-4 w-4" aria-hidden />
              Re-sync member
            </Button>
          }
        />
        <table className="w-full text-sm">
          <thead className="bg-slate-50 dark:bg-slate-800/50 text-left text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
            <tr>
              <th className="px-5 py-2">Claim</th>
              <th className="px-3 py-2">Drug</th>
              <th className="px-3 py-2">Fill date</th>
              <th className="px-3 py-2">State</th>
              <th className="px-3 py-2">Detail</th>
              <th className="px-3 py-2">Version src / tgt</th>
              <th className="px-3 py-2" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {page.claims.map((c) => (
              <Fragment key={c.claimId}>
                <tr
                  id={`claim-${c.claimId}`}
                  data-testid={`claim-${c.claimId}`}
                  className="scroll-mt-24 align-top target:bg-indigo-50 dark:target:bg-indigo-950/40"
                >
                  <td className="px-5 py-2 font-medium">
                    <button
                      type="button"
                      className="text-indigo-700 dark:text-indigo-300 hover:underline"
                      onClick={() => setOpen(open === c.claimId ? null : c.claimId)}
                      aria-expanded={open === c.claimId}
                    >
                      {c.claimId}
                    </button>
                  </td>
                  <td className="px-3 py-2 text-slate-700 dark:text-slate-300">{c.drugName ?? "—"}</td>
                  <td className="px-3 py-2 text-slate-700 dark:text-slate-300">{c.fillDate ?? "—"}</td>
                  <td className="px-3 py-2">
                    <SyncStatePill state={c.state} />
                  </td>
                  <td className="px-3 py-2 text-slate-700 dark:text-slate-300">
                    <StateDetail state={c.state} tenant={page.tenant} claimId={c.claimId} />
                  </td>
                  <td className="px-3 py-2 tabular-nums text-slate-600 dark:text-slate-300">
                    {c.sourceVersion ?? "—"} / {c.targetVersion ?? "—"}
                  </td>
                  <td className="px-3 py-2">
                    <Button
                      onClick={() => resyncMutation.mutate(c.claimId)}
                      disabled={resyncMutation.isPending || c.sourceVersion === null}
                      disabledReason={page.canResync}
                    >
                      Re-sync
                    </Button>
                  </td>
                </tr>
                {open === c.claimId && (
                  <tr>
                    <td colSpan={7} className="bg-slate-50 dark:bg-slate-800/50 px-5 py-3">
                      <ClaimTimeline steps={c.timeline} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
