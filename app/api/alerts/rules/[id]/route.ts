import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { assertAllowed } from "@/server/auth/viewer";
import { updateRule } from "@/server/alerts/manage-rules";

/** Changes an alert rule (any of name, stage, threshold, statuses, forMinutes, webhookUrl, enabled). */
export const PATCH = apiRoute<{ id: string }>(async ({ request, params, viewer, requestId }) => {
  assertAllowed(viewer, "alert.manage");
  return { rule: await updateRule(viewer, requestContext(request, requestId), params.id, await readJsonBody(request)) };
});
