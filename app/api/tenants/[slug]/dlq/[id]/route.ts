import { getDlqMessage } from "@/server/retries/dlq-read";
import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";

/** GET /api/tenants/{slug}/dlq/{id}?unmasked=1: headers and payload; unmasked only with entity.read_unmasked (audited). */
export const GET = apiRoute<{ slug: string; id: string }>(
  { tenant: "dlq.read" },
  async ({ viewer, tenant, params, request, requestId }) =>
    getDlqMessage(
      viewer,
      requestContext(request, requestId),
      tenant,
      params.id,
      Object.fromEntries(request.nextUrl.searchParams),
    ),
);
