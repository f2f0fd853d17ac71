import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { assertCanManageUsers } from "@/server/admin/guard";
import { updateUser } from "@/server/admin/update-user";

/** Changes name, global role, memberships (replaced as a whole) or the disabled flag. */
export const PATCH = apiRoute<{ id: string }>(async ({ request, params, viewer, requestId }) => {
  assertCanManageUsers(viewer);
  const user = await updateUser(viewer, requestContext(request, requestId), params.id, await readJsonBody(request));
  return { user };
});
