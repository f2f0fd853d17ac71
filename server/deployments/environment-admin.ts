import "server-only";
import type { Viewer } from "@/server/auth/access";
import { assertGlobalAllowed } from "@/server/auth/viewer";
import { auditAs, type RequestContext } from "@/server/audit/record-audit";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { environmentChange, environmentId, environmentRequest, firstProblem } from "./environment-input";
import {
  addEnvironment,
  EnvironmentConflict,
  EnvironmentInvalid,
  EnvironmentNotFound,
  listEnvironments,
  removeEnvironment,
  updateEnvironment,
} from "./environments";

/**
 * Environments from the console and the API: the same rules as `syncdeck environment`, for holders
 * of a global `environment.manage`; each change is audited in its transaction as the viewer.
 */
const assertCanManage = (viewer: Viewer) => assertGlobalAllowed(viewer, "environment.manage");

function mapped(error: unknown): never {
  if (error instanceof EnvironmentNotFound) throw new AppError("NOT_FOUND", error.message);
  if (error instanceof EnvironmentConflict) throw new AppError("CONFLICT", error.message);
  if (error instanceof EnvironmentInvalid) throw new AppError("BAD_REQUEST", error.message);
  throw error;
}

export async function listEnvironmentsForAdmin(viewer: Viewer) {
  assertCanManage(viewer);
  return (await listEnvironments(getPrisma())).map((e) => ({
    ...e,
    agentSeenAt: e.agentSeenAt?.toISOString() ?? null,
    agentTokenCreatedAt: e.agentTokenCreatedAt?.toISOString() ?? null,
    agentConnectedAt: e.agentConnectedAt?.toISOString() ?? null,
  }));
}

export async function createEnvironment(viewer: Viewer, context: RequestContext, body: unknown) {
  assertCanManage(viewer);
  const parsed = environmentRequest.safeParse(body ?? {});
  if (!parsed.success) throw new AppError("BAD_REQUEST", firstProblem(parsed.error));
  const { agentToken } = await addEnvironment(getPrisma(), parsed.data, auditAs(viewer, context)).catch(mapped);
  // The only time the token is shown: the environment's agent needs it as SYNCDECK_AGENT_TOKEN.
  return { environment: parsed.data, agentToken };
}

export async function changeEnvironment(viewer: Viewer, context: RequestContext, id: string, body: unknown) {
  assertCanManage(viewer);
  const parsed = environmentChange.safeParse(body);
  if (!parsed.success) throw new AppError("BAD_REQUEST", firstProblem(parsed.error));
  await updateEnvironment(getPrisma(), checkedId(id), parsed.data, auditAs(viewer, context)).catch(mapped);
  return { ok: true };
}

export async function deleteEnvironment(viewer: Viewer, context: RequestContext, id: string) {
  assertCanManage(viewer);
  await removeEnvironment(getPrisma(), checkedId(id), auditAs(viewer, context)).catch(mapped);
  return { ok: true };
}

function checkedId(id: string): string {
  const parsed = environmentId.safeParse(id);
  if (!parsed.success) throw new AppError("NOT_FOUND", `there is no environment ${JSON.stringify(id.slice(0, 60))}`);
  return parsed.data;
}
