import { listReplayJobs, replayDlq } from "@/server/dlq/dlq-replay";
import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";

/** GET: the tenant's recent replay jobs with progress. */
export const GET = apiRoute<{ slug: string }>(({ viewer, params }) => listReplayJobs(viewer, params.slug));

/**
 * POST { selection: { ids } | { filter }, target: "retry" | "original", ratePerSec, dryRun }:
 * a dry run returns what would be replayed; otherwise a replay job is queued (audited).
 */
export const POST = apiRoute<{ slug: string }>(async ({ viewer, params, request, requestId }) =>
  replayDlq(viewer, requestContext(request, requestId), params.slug, await readJsonBody(request)),
);
