import "server-only";
import { z } from "zod";
import type { Viewer } from "@/server/auth/access";
import { pageFields, pageSlice, type PageInfo } from "@/server/lib/page-query";
import { assertCanManageUsers } from "./guard";
import { getPrisma } from "@/server/db/client";
import { ADMIN_ROLE } from "./last-admin";
import { toUserSummary, USER_INCLUDE, type UserSummary } from "./user-summary";

/** `GET /api/users?page=&pageSize=`: 100 a page unless asked, at most 500. */
export const listUsersQuery = z.object(pageFields({ defaultSize: 100, maxSize: 500 })).strict();

/**
 * One page of users by email, the total, and the ids of every enabled global admin: the page alone
 * cannot tell whether a row is the last admin, so the guards on its buttons need the whole set.
 */
export type UsersPage = PageInfo & { users: UserSummary[]; enabledAdminIds: string[] };

/** A page of every user, by email. User management is platform-wide. */
export async function listUsers(viewer: Viewer, query: unknown = {}): Promise<UsersPage> {
  assertCanManageUsers(viewer);
  const page = listUsersQuery.parse(query);
  const db = getPrisma();
  const [users, total, admins] = await Promise.all([
    db.user.findMany({ include: USER_INCLUDE, orderBy: [{ email: "asc" }, { id: "asc" }], ...pageSlice(page) }),
    db.user.count(),
    db.user.findMany({
      where: { globalRoleName: ADMIN_ROLE, disabled: false },
      select: { id: true },
      orderBy: { id: "asc" },
    }),
  ]);
  return {
    users: users.map(toUserSummary),
    page: page.page,
    pageSize: page.pageSize,
    total,
    enabledAdminIds: admins.map((a) => a.id),
  };
}

/** The environments a user's deployment changes can be limited to (the user admin's choices). */
export async function listScopeEnvironments(viewer: Viewer): Promise<Array<{ id: string; name: string }>> {
  assertCanManageUsers(viewer);
  return getPrisma().environment.findMany({ select: { id: true, name: true }, orderBy: { id: "asc" } });
}
