import { detailQuery } from "@/server/retries/dlq-read";
import { dlqPageSchema } from "@/server/retries/dlq-filter";
import { replayBodySchema, resolveBodySchema } from "@/server/retries/replay-body";
import { overviewQuery } from "@/server/retries/retry-overview";
import { resyncBody, searchParams } from "@/server/lookup/lookup";
import { differencesQuery } from "@/server/reconcile/service";
import type { OperationSpec } from "../operation";
import {
  dlqDetail,
  dlqPage,
  replayCanceled,
  replayJobs,
  replayResult,
  resolveResult,
  retryOverview,
} from "../responses/dlq";
import { memberPage, resyncResult, revealedProfile, searchResult } from "../responses/lookup";
import { reconcileDifferences, reconcileOverview, reconcileStarted } from "../responses/reconcile";

/** Members and claims, reconciliation, retries and dead letters: the records of a tenant. */
export const recordOperations: OperationSpec[] = [
  {
    method: "get",
    path: "/api/lookup/search",
    operationId: "searchEntities",
    tag: "lookup",
    summary: "Find members and claims by member id, claim id, or name and date of birth (unmasked permission)",
    query: searchParams,
    ok: { schema: searchResult, description: "suggestions, names masked" },
  },
  {
    method: "get",
    path: "/api/tenants/{slug}/members/{memberId}",
    operationId: "getMember",
    tag: "lookup",
    summary: "A member (masked), claims with sync state and timeline, and the explanation in words",
    ok: { schema: memberPage, description: "member view" },
  },
  {
    method: "post",
    path: "/api/tenants/{slug}/members/{memberId}/reveal",
    operationId: "revealMember",
    tag: "lookup",
    summary: "Reveal the member's unmasked profile (entity.read_unmasked, audited)",
    ok: { schema: revealedProfile, description: "unmasked profile" },
  },
  {
    method: "post",
    path: "/api/tenants/{slug}/members/{memberId}/resync",
    operationId: "resyncMember",
    tag: "lookup",
    summary:
      "Re-sync the member or one claim from the source (entity.resync, audited); `claimId: null` for the whole member",
    body: { schema: resyncBody },
    extraErrors: [503],
    ok: { status: 202, schema: resyncResult, description: "what was touched" },
  },
  {
    method: "get",
    path: "/api/tenants/{slug}/reconcile",
    operationId: "getReconcileOverview",
    tag: "reconcile",
    summary:
      "The tenant's latest reconciliation runs: progress, counts and checksums per entity, differing count; and whether the viewer may run one",
    ok: { schema: reconcileOverview, description: "runs" },
  },
  {
    method: "post",
    path: "/api/tenants/{slug}/reconcile",
    operationId: "startReconcile",
    tag: "reconcile",
    summary:
      "Queue a reconciliation of the target against the source (reconcile.run, audited); 202 with the new run, or with the one already queued or running (created: false)",
    ok: { status: 202, schema: reconcileStarted, description: "the queued run" },
  },
  {
    method: "get",
    path: "/api/tenants/{slug}/reconcile/{runId}/differences",
    operationId: "listReconcileDifferences",
    tag: "reconcile",
    summary: "A keyset page of a run's differing ids (missing, extra, different) with both versions",
    query: differencesQuery,
    ok: { schema: reconcileDifferences, description: "page and nextCursor" },
  },
  {
    method: "get",
    path: "/api/tenants/{slug}/retries",
    operationId: "getRetryOverview",
    tag: "dlq",
    summary: "Waiting retry records, groups by cause, depth and age history",
    query: overviewQuery,
    ok: { schema: retryOverview, description: "retry queue" },
  },
  {
    method: "get",
    path: "/api/tenants/{slug}/dlq",
    operationId: "listDeadLetters",
    tag: "dlq",
    summary: "A keyset page of dead letters (or retry records), newest first",
    query: dlqPageSchema,
    ok: { schema: dlqPage, description: "page" },
  },
  {
    method: "get",
    path: "/api/tenants/{slug}/dlq/{id}",
    operationId: "getDeadLetter",
    tag: "dlq",
    summary: "One record's headers and payload (masked unless asked and allowed; audited)",
    query: detailQuery,
    ok: { schema: dlqDetail, description: "record" },
  },
  {
    method: "get",
    path: "/api/tenants/{slug}/dlq/replay",
    operationId: "listReplayJobs",
    tag: "dlq",
    summary: "Recent replay jobs with progress",
    ok: { schema: replayJobs, description: "jobs" },
  },
  {
    method: "post",
    path: "/api/tenants/{slug}/dlq/replay",
    operationId: "replayDeadLetters",
    tag: "dlq",
    summary: "Dry-run or queue a replay of selected records (dlq.replay, audited)",
    body: { schema: replayBodySchema },
    ok: { schema: replayResult, description: "a preview or the queued job" },
  },
  {
    method: "delete",
    path: "/api/tenants/{slug}/dlq/replay/{jobId}",
    operationId: "cancelReplayJob",
    tag: "dlq",
    summary: "Cancel a replay job (audited)",
    ok: { schema: replayCanceled, description: "whether it was canceled" },
  },
  {
    method: "post",
    path: "/api/tenants/{slug}/dlq/resolve",
    operationId: "resolveDeadLetters",
    tag: "dlq",
    summary: "Resolve or discard records with a reason (index only, never Kafka; audited)",
    body: { schema: resolveBodySchema },
    ok: { schema: resolveResult, description: "how many changed" },
  },
];
