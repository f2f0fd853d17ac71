import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { updateSettings } from "@/server/tenants/service";

/** PATCH /api/tenants/{slug}/settings { lagSloSeconds?, retentionHours? } */
export const PATCH = apiRoute<{ slug: string }>(async ({ viewer, request, params, requestId }) =>
  updateSettings(viewer, requestContext(request, requestId), params.slug, await readJsonBody(request)),
);
