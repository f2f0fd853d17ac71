import "server-only";
import type { Viewer } from "@/server/auth/access";
import { assertGlobalAllowed } from "@/server/auth/viewer";
import { auditAs, type RequestContext } from "@/server/audit/record-audit";
import { getPrisma } from "@/server/db/client";
import { environmentId } from "@/server/deployments/environment-input";
import { AppError } from "@/server/errors";
import { clusterChange, clusterId, clusterRequest, environmentClusterInput, firstProblem } from "./cluster-input";
import {
  addCluster,
  assignEnvironmentCluster,
  ClusterConflict,
  ClusterInvalid,
  ClusterNotFound,
  listClusters,
  removeCluster,
  updateCluster,
  type ClusterRow,
} from "./clusters";

/**
 * Kafka clusters from the console and the API: the same rules as `syncdeck cluster`, for holders
 * of a global `environment.manage` (clusters are where environments' pipelines run); each change
 * is audited in its transaction as the viewer.
 */
const assertCanManage = (viewer: Viewer) => assertGlobalAllowed(viewer, "environment.manage");

function mapped(error: unknown): never {
  if (error instanceof ClusterNotFound) throw new AppError("NOT_FOUND", error.message);
  if (error instanceof ClusterConflict) throw new AppError("CONFLICT", error.message);
  if (error instanceof ClusterInvalid) throw new AppError("BAD_REQUEST", error.message);
  throw error;
}

const view = (c: ClusterRow) => ({ ...c, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() });

export async function listClustersForAdmin(viewer: Viewer) {
  assertCanManage(viewer);
  return { clusters: (await listClusters(getPrisma())).map(view) };
}

export async function createCluster(viewer: Viewer, context: RequestContext, body: unknown) {
  assertCanManage(viewer);
  const parsed = clusterRequest.safeParse(body ?? {});
  if (!parsed.success) throw new AppError("BAD_REQUEST", firstProblem(parsed.error));
  return { cluster: view(await addCluster(getPrisma(), parsed.data, auditAs(viewer, context)).catch(mapped)) };
}

export async function changeCluster(viewer: Viewer, context: RequestContext, id: string, body: unknown) {
  assertCanManage(viewer);
  const parsed = clusterChange.safeParse(body);
  if (!parsed.success) throw new AppError("BAD_REQUEST", firstProblem(parsed.error));
  await updateCluster(getPrisma(), checkedId(id), parsed.data, auditAs(viewer, context)).catch(mapped);
  return { ok: true };
}

export async function deleteCluster(viewer: Viewer, context: RequestContext, id: string) {
  assertCanManage(viewer);
  await removeCluster(getPrisma(), checkedId(id), auditAs(viewer, context)).catch(mapped);
  return { ok: true };
}

export async function setEnvironmentCluster(
  viewer: Viewer,
  context: RequestContext,
  environment: string,
  body: unknown,
) {
  assertCanManage(viewer);
  const parsed = environmentClusterInput.safeParse(body);
  if (!parsed.success) throw new AppError("BAD_REQUEST", firstProblem(parsed.error));
  const id = environmentId.safeParse(environment);
  if (!id.success)
    throw new AppError("NOT_FOUND", `there is no environment ${JSON.stringify(environment.slice(0, 60))}`);
  await assignEnvironmentCluster(getPrisma(), id.data, parsed.data.cluster, auditAs(viewer, context)).catch(mapped);
  return { ok: true };
}

function checkedId(id: string): string {
  const parsed = clusterId.safeParse(id);
  if (!parsed.success) throw new AppError("NOT_FOUND", `there is no cluster ${JSON.stringify(id.slice(0, 60))}`);
  return parsed.data;
}
