import "server-only";
import type { Viewer } from "@/server/auth/access";
import { assertGlobalAllowed } from "@/server/auth/viewer";

/** User administration is platform-wide, so it needs `user.manage` from a global role. */
export function assertCanManageUsers(viewer: Viewer): void {
  assertGlobalAllowed(viewer, "user.manage");
}
