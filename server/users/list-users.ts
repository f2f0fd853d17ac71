import "server-only";
import type { Viewer } from "@/server/auth/access";
import { assertCanManageUsers } from "./guard";
import { getPrisma } from "@/server/db/client";
import { toUserSummary, USER_INCLUDE, type UserSummary } from "./user-summary";

/** Every user, by email. User management is platform-wide. */
export async function listUsers(viewer: Viewer): Promise<UserSummary[]> {
  assertCanManageUsers(viewer);
  const users = await getPrisma().user.findMany({ include: USER_INCLUDE, orderBy: { email: "asc" } });
  return users.map(toUserSummary);
}
