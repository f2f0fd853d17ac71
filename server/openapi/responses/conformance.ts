/**
 * Compile-time proof that the server functions behind each route return exactly the documented
 * shape (the same required fields, of the same types, after JSON rendering): `npx tsc --noEmit`
 * fails here when a function's result and its schema drift apart. Types only; nothing runs.
 */
import type { z } from "zod";
import type { listAlerts } from "@/server/alerts/list-alerts";
import type { createRule, updateRule } from "@/server/alerts/manage-rules";
import type { listAuditEvents } from "@/server/audit/list-audit";
import type {
  changeCluster,
  createCluster,
  deleteCluster,
  listClustersForAdmin,
  setEnvironmentCluster,
} from "@/server/clusters/cluster-admin";
import type { changeEnvironment, createEnvironment, deleteEnvironment } from "@/server/deployments/environment-admin";
import type * as deployments from "@/server/deployments/service";
import type { promoteTarget } from "@/server/deployments/promotion";
import type { getDlqMessage, listDlq } from "@/server/retries/dlq-read";
import type { cancelReplayJob, listReplayJobs, replayDlq, resolveDlq } from "@/server/retries/dlq-replay";
import type { getRetryOverview } from "@/server/retries/retry-overview";
import type { getMemberPage, requestResync, revealMember, searchEntities } from "@/server/lookup/lookup";
import type { manageConnector } from "@/server/flow/connector-state";
import type { getFlowOverview, getTenantFlow } from "@/server/flow/tenant-flow";
import type { checkReadiness } from "@/server/health/readiness";
import type { getTenantPipeline } from "@/server/health/tenant-pipeline";
import type { getConsumerGroup, listConsumerGroups } from "@/server/lag/read-lag";
import type { searchPalette } from "@/server/palette/search";
import type { getPlatformStatus } from "@/server/platform/status";
import type { getReconcileOverview, listReconcileDifferences, startReconcile } from "@/server/reconcile/service";
import type { listTenantsPage } from "@/server/tenants/list-tenants";
import type * as tenants from "@/server/tenants/service";
import type { createUser } from "@/server/admin/create-user";
import type { listUsers } from "@/server/admin/list-users";
import type { updateUser } from "@/server/admin/update-user";
import type { endSessionsByAdmin, listUserSessions } from "@/server/admin/user-sessions-admin";
import type * as alerts from "./alerts";
import type * as audit from "./audit";
import type * as clu from "./clusters";
import type * as dep from "./deployments";
import type * as dlq from "./dlq";
import type * as flow from "./flow";
import type * as lag from "./lag";
import type * as lookup from "./lookup";
import type * as platform from "./platform";
import type * as reconcile from "./reconcile";
import type * as ten from "./tenants";
import type * as users from "./users";

/** A value as `JSON.stringify` renders it: dates become strings, a Prisma JSON column (any JSON value) unknown. */
type Jsonify<T> = [string | number | boolean] extends [T] ? unknown : JsonifyEach<T>;
type JsonifyEach<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Jsonify<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonify<T[K]> }
      : T;

type Result<F extends (...args: never[]) => unknown> = Jsonify<Awaited<ReturnType<F>>>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** `true` when the result and the schema's output agree both ways; otherwise a type error at the line below. */
type Conforms<R, S extends z.ZodType> = Same<R, Jsonify<z.output<S>>>;

/** A compile error on the line whose function and schema disagree. */
type Expect<T extends true> = T;

export type ResponseConformance = [
  Expect<Conforms<Result<typeof listAlerts>, typeof alerts.alertsView>>,
  Expect<Conforms<{ rule: Result<typeof createRule> }, typeof alerts.alertRuleResult>>,
  Expect<Conforms<{ rule: Result<typeof updateRule> }, typeof alerts.alertRuleResult>>,
  Expect<Conforms<Result<typeof listAuditEvents>, typeof audit.auditPage>>,
  Expect<Conforms<Result<typeof createEnvironment>, typeof dep.createdEnvironment>>,
  Expect<Conforms<Result<typeof changeEnvironment>, typeof dep.done>>,
  Expect<Conforms<Result<typeof deleteEnvironment>, typeof dep.done>>,
  Expect<Conforms<{ environments: Result<typeof deployments.listEnvironments> }, typeof dep.environmentList>>,
  Expect<Conforms<Result<typeof deployments.getEnvironmentStatus>, typeof dep.environmentStatus>>,
  Expect<Conforms<Result<typeof listClustersForAdmin>, typeof clu.clusterList>>,
  Expect<Conforms<Result<typeof createCluster>, typeof clu.createdCluster>>,
  Expect<Conforms<Result<typeof changeCluster>, typeof dep.done>>,
  Expect<Conforms<Result<typeof deleteCluster>, typeof dep.done>>,
  Expect<Conforms<Result<typeof setEnvironmentCluster>, typeof dep.done>>,
  Expect<Conforms<Result<typeof deployments.listDeployments>, typeof dep.deploymentList>>,
  Expect<Conforms<Result<typeof deployments.createDeployment>, typeof dep.deploymentChange>>,
  Expect<Conforms<Result<typeof deployments.getDeployment>, typeof dep.deploymentDetail>>,
  Expect<Conforms<Result<typeof deployments.scaleDeployment>, typeof dep.deploymentChange>>,
  Expect<Conforms<Result<typeof deployments.rollbackDeployment>, typeof dep.deploymentChange>>,
  Expect<Conforms<Result<typeof promoteTarget>, typeof dep.deploymentPromotion>>,
  Expect<Conforms<Result<typeof deployments.restartDeployment>, typeof dep.deploymentChange>>,
  Expect<Conforms<Result<typeof deployments.stopDeployment>, typeof dep.deploymentChange>>,
  Expect<Conforms<Result<typeof deployments.approveDeployment>, typeof dep.deploymentDecision>>,
  Expect<Conforms<Result<typeof deployments.cancelDeployment>, typeof dep.deploymentDecision>>,
  Expect<Conforms<Result<typeof deployments.getDeploymentLogs>, typeof dep.deploymentLogs>>,
  Expect<Conforms<Result<typeof listDlq>, typeof dlq.dlqPage>>,
  Expect<Conforms<Result<typeof getDlqMessage>, typeof dlq.dlqDetail>>,
  Expect<Conforms<Result<typeof listReplayJobs>, typeof dlq.replayJobs>>,
  Expect<Conforms<Result<typeof replayDlq>, typeof dlq.replayResult>>,
  Expect<Conforms<Result<typeof cancelReplayJob>, typeof dlq.replayCanceled>>,
  Expect<Conforms<Result<typeof resolveDlq>, typeof dlq.resolveResult>>,
  Expect<Conforms<Result<typeof getRetryOverview>, typeof dlq.retryOverview>>,
  Expect<Conforms<Result<typeof getMemberPage>, typeof lookup.memberPage>>,
  Expect<Conforms<{ profile: Result<typeof revealMember> }, typeof lookup.revealedProfile>>,
  Expect<Conforms<Result<typeof requestResync>, typeof lookup.resyncResult>>,
  Expect<Conforms<Result<typeof searchEntities>, typeof lookup.searchResult>>,
  Expect<Conforms<Result<typeof searchPalette>, typeof lookup.paletteResult>>,
  Expect<Conforms<Result<typeof manageConnector>, typeof flow.connectorAction>>,
  Expect<Conforms<Result<typeof getFlowOverview>, typeof flow.flowOverview>>,
  Expect<Conforms<Result<typeof getTenantFlow>, typeof flow.tenantFlow>>,
  Expect<Conforms<Result<typeof checkReadiness>, typeof platform.readiness>>,
  Expect<Conforms<Result<typeof getTenantPipeline>, typeof platform.tenantPipeline>>,
  Expect<Conforms<Result<typeof getPlatformStatus>, typeof platform.platformStatus>>,
  Expect<Conforms<Result<typeof listConsumerGroups>, typeof lag.lagGroupList>>,
  Expect<Conforms<Result<typeof getConsumerGroup>, typeof lag.lagGroupDetail>>,
  Expect<Conforms<Result<typeof getReconcileOverview>, typeof reconcile.reconcileOverview>>,
  Expect<Conforms<Result<typeof startReconcile>, typeof reconcile.reconcileStarted>>,
  Expect<Conforms<Result<typeof listReconcileDifferences>, typeof reconcile.reconcileDifferences>>,
  Expect<Conforms<Result<typeof listTenantsPage>, typeof ten.tenantList>>,
  Expect<Conforms<Result<typeof tenants.listRequests>, typeof ten.tenantRequests>>,
  Expect<Conforms<Result<typeof tenants.getPreflight>, typeof ten.preflight>>,
  Expect<Conforms<Result<typeof tenants.getTenantDetail>, typeof ten.tenantDetail>>,
  Expect<Conforms<Result<typeof tenants.submitRequest>, typeof ten.tenantDetail>>,
  Expect<Conforms<Result<typeof tenants.resubmitRequest>, typeof ten.tenantDetail>>,
  Expect<Conforms<Result<typeof tenants.approveRequest>, typeof ten.tenantDetail>>,
  Expect<Conforms<Result<typeof tenants.declineRequest>, typeof ten.tenantDetail>>,
  Expect<Conforms<Result<typeof tenants.assignSourceSecret>, typeof ten.tenantDetail>>,
  Expect<Conforms<Result<typeof tenants.retryJob>, typeof ten.tenantDetail>>,
  Expect<Conforms<Result<typeof tenants.suspendTenant>, typeof ten.tenantDetail>>,
  Expect<Conforms<Result<typeof tenants.resumeTenant>, typeof ten.tenantDetail>>,
  Expect<Conforms<Result<typeof tenants.offboardTenant>, typeof ten.tenantDetail>>,
  Expect<Conforms<Result<typeof tenants.updateSettings>, typeof ten.tenantDetail>>,
  Expect<Conforms<Result<typeof listUsers>, typeof users.userList>>,
  Expect<Conforms<Result<typeof createUser>, typeof users.createdUser>>,
  Expect<Conforms<{ user: Result<typeof updateUser> }, typeof users.updatedUser>>,
  Expect<Conforms<{ sessions: Result<typeof listUserSessions> }, typeof users.userSessions>>,
  Expect<Conforms<Result<typeof endSessionsByAdmin>, typeof users.sessionsEnded>>,
];
