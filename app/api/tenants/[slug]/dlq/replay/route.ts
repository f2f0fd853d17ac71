import { listReplayJobs, replayDlq } from "@/server/retries/dlq-replay";
import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";

/** GET: the tenant's recent replay jobs with progress. */
export const GET = apiRoute<{ slug: string }>({ tenant: "dlq.read" }, async ({ tenant }) => listReplayJobs(tenant));

/**
 * POST { selection: { ids } | { filter }, target: "retry" | "original", ratePerSec, dryRun }:
 * a dry run returns what would be replayed; otherwise a replay job is queued (audited).
 */
export const POST = apiRoute<{ slug: string }>(
  { tenant: "dlq.replay" },
  async ({ viewer, tenant, request, requestId }) =>
    replayDlq(viewer, requestContext(request, requestId), tenant, await readJsonBody(request)),
);
