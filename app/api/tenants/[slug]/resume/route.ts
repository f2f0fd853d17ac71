import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { resumeTenant } from "@/server/tenants/service";

/** POST /api/tenants/{slug}/resume — starts the processors and resumes the connector. */
export const POST = apiRoute<{ slug: string }>(async ({ viewer, request, params, requestId }) =>
  resumeTenant(viewer, requestContext(request, requestId), params.slug),
);
