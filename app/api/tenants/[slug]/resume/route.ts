import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { assertManager, resumeTenant } from "@/server/tenants/service";

/** POST /api/tenants/{slug}/resume — starts the processors and resumes the connector. */
export const POST = apiRoute<{ slug: string }>(
  { tenant: { permission: null, first: ({ viewer }) => assertManager(viewer) } },
  async ({ viewer, request, tenant, requestId }) => resumeTenant(viewer, requestContext(request, requestId), tenant),
);
