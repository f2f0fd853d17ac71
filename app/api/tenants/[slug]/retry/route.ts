import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { retryJob } from "@/server/tenants/service";

/** POST /api/tenants/{slug}/retry — runs the failed job again from its failed step. */
export const POST = apiRoute<{ slug: string }>(async ({ viewer, request, params, requestId }) =>
  retryJob(viewer, requestContext(request, requestId), params.slug),
);
