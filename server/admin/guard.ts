import "server-only";
import { decideGlobalAccess, type Viewer } from "@/server/auth/access";
import { AppError } from "@/server/errors";

/** User administration is platform-wide, so it needs `user.manage` from a global role. */
export function assertCanManageUsers(viewer: Viewer): void {
  const decision = decideGlobalAccess(viewer, "user.manage");
  if (!decision.allowed) throw new AppError("FORBIDDEN", decision.reason);
}
