import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { endSessionsByAdmin } from "@/server/admin/user-sessions-admin";

/** Ends one open session of the user. */
export const DELETE = apiRoute<{ id: string; sessionId: string }>(async ({ request, params, viewer, requestId }) =>
  endSessionsByAdmin(viewer, requestContext(request, requestId), params.id, params.sessionId),
);
