import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { endSessionsByAdmin, listUserSessions } from "@/server/admin/user-sessions-admin";

/** The user's open sessions. */
export const GET = apiRoute<{ id: string }>(async ({ params, viewer }) => ({
  sessions: await listUserSessions(viewer, params.id),
}));

/** Ends every open session of the user (they must sign in again). */
export const DELETE = apiRoute<{ id: string }>(async ({ request, params, viewer, requestId }) =>
  endSessionsByAdmin(viewer, requestContext(request, requestId), params.id),
);
