import { cancelReplayJob } from "@/server/retries/dlq-replay";
import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";

/** DELETE: cancels a queued or running replay job (audited); what was sent stays sent. */
export const DELETE = apiRoute<{ slug: string; jobId: string }>(
  { tenant: "dlq.replay" },
  async ({ viewer, tenant, params, request, requestId }) =>
    cancelReplayJob(viewer, requestContext(request, requestId), tenant, params.jobId),
);
