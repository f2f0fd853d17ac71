import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { assertMayRetry, retryJob } from "@/server/tenants/service";

/** POST /api/tenants/{slug}/retry — runs the failed job again from its failed step. */
export const POST = apiRoute<{ slug: string }>(
  { tenant: { permission: null, first: ({ viewer }) => assertMayRetry(viewer) } },
  async ({ viewer, request, tenant, requestId }) => retryJob(viewer, requestContext(request, requestId), tenant),
);
