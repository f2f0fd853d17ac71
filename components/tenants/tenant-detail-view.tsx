"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Pause, Play, Trash2, XOctagon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { fetchJson } from "@/components/ui/fetch-json";
import { PageHeader } from "@/components/ui/page-header";
import { pollInterval } from "./detail-state";
import { JobPanel } from "./job-panel";
import { LagSummary, StaffList } from "./live-panel";
import { OffboardDialog } from "./offboard-dialog";
import { PreflightPanel } from "./preflight-panel";
import { ReconcileCard } from "./reconcile-card";
import { RequestForm } from "./request-form";
import { formFromRequest } from "./request-form-state";
import { RequestSummary } from "./request-summary";
import { SettingsForm } from "./settings-form";
import { TenantStatus } from "./tenant-status";
import { Timeline } from "./timeline";
import type { EnvironmentChoice, TenantDetailJson } from "./types";
import { QueryError } from "@/components/ui/query-error";

const LIVE = ["ACTIVE", "SUSPENDED"];

/** What the page says once an action was accepted (the job itself is followed in its panel). */
const ACCEPTED: Record<string, string> = {
  approve: "Approved: provisioning has started",
  decline: "Declined: the requester sees the reason",
  retry: "Retrying from the failed step",
  suspend: "Suspending: the connector pauses and the processors stop",
  resume: "Resuming: the processors start and the connector resumes",
  offboard: "Offboarding has started",
  settings: "Settings saved",
  "source-secret": "Secret assigned: the checks run again with it",
};

/** A tenant's page: its request, the approval, the job step by step, and once live its lag, staff and settings. */
export function TenantDetailView({
  initial,
  viewerEmail,
  environments,
}: {
  initial: TenantDetailJson;
  viewerEmail: string;
  environments: EnvironmentChoice[];
}) {
  const slug = initial.tenant.slug;
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [editing, setEditing] = useState(false);
  const [offboarding, setOffboarding] = useState(false);
  const { data, error, refetch } = useQuery({
    queryKey: ["tenant", slug],
    queryFn: () => fetchJson<TenantDetailJson>(`/api/tenants/${slug}`),
    initialData: initial,
    refetchInterval: (query) => pollInterval(query.state.data),
  });
  const detail = data ?? initial;
  const { tenant, can } = detail;
  const mine = tenant.requestedBy === viewerEmail;
  const job = detail.jobs[0];

  const show = (next: TenantDetailJson) => queryClient.setQueryData(["tenant", slug], next);
  /** Runs an action through the REST API; the answer is the new detail. */
  const act = async (
    label: string,
    path: string,
    body: unknown = {},
    method: "POST" | "PATCH" | "PUT" = "POST",
  ): Promise<boolean> => {
    setBusy(true);
    setNotice(null);
    try {
      show(await fetchJson<TenantDetailJson>(`/api/tenants/${slug}/${path}`, { method, body }));
      setNotice({ ok: true, text: ACCEPTED[path] ?? `${label}: done` });
      return true;
    } catch (e) {
      setNotice({ ok: false, text: `${label}: ${e instanceof Error ? e.message : String(e)}` });
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={tenant.name}
        description={`sync.${tenant.slug}.* · ${tenant.partitions} partitions`}
        actions={
          <span data-testid="tenant-status">
            <TenantStatus status={tenant.status} />
          </span>
        }
      />
      {notice && (
        <p
          role="status"
          className={`mb-4 rounded-lg px-4 py-2 text-sm ${notice.ok ? "bg-emerald-50 dark:bg-emerald-950/40 text-emerald-800 dark:text-emerald-200" : "bg-red-50 dark:bg-red-950/40 text-red-800 dark:text-red-200"}`}
        >
          {notice.text}
        </p>
      )}
      {error && <QueryError what="Could not refresh" error={error} refetch={refetch} className="mb-4" />}
      <div className="grid gap-6 xl:grid-cols-3">
        <div className="space-y-6 xl:col-span-2">
          {tenant.status === "DECLINED" && (
            <section
              className="flex flex-wrap items-start justify-between gap-4 rounded-xl border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 px-5 py-4 shadow-sm"
              data-testid="declined-banner"
            >
              <div className="flex gap-3">
                <XOctagon className="mt-0.5 h-5 w-5 shrink-0 text-red-600 dark:text-red-400" aria-hidden />
                <div>
                  <p className="text-sm font-semibold text-red-900 dark:text-red-100">The request was declined</p>
                  <p
                    className="mt-1 text-sm text-red-800 dark:text-red-200 [overflow-wrap:anywhere]"
                    data-testid="decline-reason"
                  >
                    {tenant.declineReason}
                  </p>
                </div>
              </div>
              {can.resubmit && !editing && (
                <Button variant="primary" onClick={() => setEditing(true)}>
                  Edit and resubmit
                </Button>
              )}
            </section>
          )}
          {editing && (
            <RequestForm
              mode="resubmit"
              initial={formFromRequest(tenant, environments[0]?.id ?? "")}
              environments={environments}
              onCancel={() => setEditing(false)}
              onDone={(next) => {
                show(next);
                setEditing(false);
                setNotice({ ok: true, text: "Resubmitted: waiting for an admin's approval again" });
              }}
            />
          )}
          {tenant.status === "SUBMITTED" && can.decline && (
            <PreflightPanel detail={detail} mine={mine} busy={busy} act={act} />
          )}
          {tenant.status === "SUBMITTED" && !can.decline && (
            <Card>
              <CardBody className="text-sm text-slate-600 dark:text-slate-300">
                Waiting for an admin to check and approve the request. You will see their decision here.
              </CardBody>
            </Card>
          )}
          {job && <JobPanel job={job} canRetry={can.retry} busy={busy} onRetry={() => void act("Retry", "retry")} />}
          {LIVE.includes(tenant.status) && (
            <>
              <LagSummary detail={detail} />
              <ReconcileCard slug={slug} />
              <div className="flex flex-wrap gap-2" data-testid="tenant-actions">
                {tenant.status === "ACTIVE" && (
                  <Button
                    onClick={() => void act("Suspend", "suspend")}
                    disabledReason={!can.suspend ? "needs tenant.manage and no open job" : busy ? "working…" : null}
                    className="inline-flex items-center gap-1.5"
                  >
                    <Pause className="h-4 w-4" aria-hidden /> Suspend
                  </Button>
                )}
                {tenant.status === "SUSPENDED" && (
                  <Button
                    onClick={() => void act("Resume", "resume")}
                    disabledReason={!can.resume ? "needs tenant.manage and no open job" : busy ? "working…" : null}
                    className="inline-flex items-center gap-1.5"
                  >
                    <Play className="h-4 w-4" aria-hidden /> Resume
                  </Button>
                )}
                <Button
                  variant="danger"
                  onClick={() => setOffboarding(true)}
                  disabledReason={!can.offboard ? "needs tenant.manage and no open job" : null}
                  className="inline-flex items-center gap-1.5"
                >
                  <Trash2 className="h-4 w-4" aria-hidden /> Offboard…
                </Button>
              </div>
              <SettingsForm
                key={`${tenant.lagSloSeconds}-${tenant.retentionHours}`}
                detail={detail}
                busy={busy}
                act={act}
              />
            </>
          )}
          {(LIVE.includes(tenant.status) || detail.staff.length > 0) && <StaffList detail={detail} />}
        </div>
        <div className="space-y-6">
          <RequestSummary detail={detail} />
          <Timeline events={detail.events} />
        </div>
      </div>
      {offboarding && (
        <OffboardDialog
          detail={detail}
          busy={busy}
          onClose={() => setOffboarding(false)}
          onConfirm={(confirm) =>
            void act("Offboard", "offboard", { confirm }).then((ok) => ok && setOffboarding(false))
          }
        />
      )}
    </>
  );
}
