import "server-only";
import { z } from "zod";
import type { Viewer } from "@/server/auth/access";
import {
  endOneSession,
  endUserSessions,
  forgetSessions,
  listOpenSessions,
  type SessionSummary,
} from "@/server/auth/user-sessions";
import { recordAudit, type RequestContext } from "@/server/audit/record-audit";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { assertCanManageUsers } from "./guard";
import { userIdParam } from "./user-input";

const sessionIdParam = z.uuid("session id must be a uuid");

async function findUser(userId: string): Promise<{ id: string; email: string }> {
  const user = await getPrisma().user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
  if (!user) throw new AppError("NOT_FOUND", "no such user");
  return user;
}

/** A user's open sessions (where and when they signed in, last seen, absolute end). */
export async function listUserSessions(viewer: Viewer, userId: unknown): Promise<SessionSummary[]> {
  assertCanManageUsers(viewer);
  const user = await findUser(userIdParam.parse(userId));
  return listOpenSessions(user.id);
}

/**
 * Ends one of a user's sessions, or all of them when `sessionId` is undefined; audited. Ending an
 * unknown or already ended session is a 404, so a typo does not look like success.
 */
export async function endSessionsByAdmin(
  viewer: Viewer,
  context: RequestContext,
  userId: unknown,
  sessionId?: unknown,
): Promise<{ ended: number }> {
  assertCanManageUsers(viewer);
  const user = await findUser(userIdParam.parse(userId));
  const one = sessionId === undefined ? undefined : sessionIdParam.parse(sessionId);
  const ended = await getPrisma().$transaction(async (tx) => {
    const ids = one
      ? await endOneSession(tx, user.id, one, "ended-by-admin")
      : await endUserSessions(tx, user.id, "ended-by-admin");
    if (one && ids.length === 0) throw new AppError("NOT_FOUND", "no open session with that id for this user");
    await recordAudit(
      viewer,
      context,
      {
        action: "user.end_sessions",
        target: `user:${user.email}`,
        after: { sessions: one ? [one] : "all", ended: ids.length },
      },
      tx,
    );
    return ids;
  });
  forgetSessions(ended);
  return { ended: ended.length };
}
