import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { assertManager, updateSettings } from "@/server/tenants/service";

/** PATCH /api/tenants/{slug}/settings { lagSloSeconds?, retentionHours? } */
export const PATCH = apiRoute<{ slug: string }>(
  { tenant: { permission: null, first: ({ viewer }) => assertManager(viewer) } },
  async ({ viewer, request, tenant, requestId }) =>
    updateSettings(viewer, requestContext(request, requestId), tenant, await readJsonBody(request)),
);
