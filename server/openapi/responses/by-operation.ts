/**
 * The success schema of every operation with a JSON answer, by operationId, in a module the browser
 * tests can import (the operations themselves import server-only query schemas). openapi.test.ts
 * checks that this table and the operations name the same schema for each operation.
 */
import type { z } from "zod";
import { alertRuleResult, alertsView } from "./alerts";
import { auditPage } from "./audit";
import { clusterList, createdCluster } from "./clusters";
import {
  createdEnvironment,
  deploymentChange,
  deploymentPromotion,
  deploymentDecision,
  deploymentDetail,
  deploymentList,
  deploymentLogs,
  done,
  environmentList,
  environmentStatus,
} from "./deployments";
import { dlqDetail, dlqPage, replayCanceled, replayJobs, replayResult, resolveResult, retryOverview } from "./dlq";
import { connectorAction, flowOverview, tenantFlow } from "./flow";
import { lagGroupDetail, lagGroupList } from "./lag";
import { memberPage, paletteResult, resyncResult, revealedProfile, searchResult } from "./lookup";
import { healthz, openApiJson, platformStatus, readiness, tenantPipeline } from "./platform";
import { tenantMove, tenantMoves } from "./placement";
import { reconcileDifferences, reconcileOverview, reconcileStarted } from "./reconcile";
import { preflight, tenantDetail, tenantList, tenantRequests } from "./tenants";
import { createdUser, sessionsEnded, updatedUser, userList, userSessions } from "./users";

export const RESPONSES_BY_OPERATION: Readonly<Record<string, z.ZodType>> = {
  getLiveness: healthz,
  getReadiness: readiness,
  getPlatformStatus: platformStatus,
  getOpenApiDocument: openApiJson,
  searchPalette: paletteResult,
  listTenants: tenantList,
  requestTenant: tenantDetail,
  listTenantRequests: tenantRequests,
  getTenant: tenantDetail,
  resubmitTenantRequest: tenantDetail,
  getTenantPreflight: preflight,
  approveTenant: tenantDetail,
  declineTenant: tenantDetail,
  assignTenantSourceSecret: tenantDetail,
  retryTenantJob: tenantDetail,
  suspendTenant: tenantDetail,
  resumeTenant: tenantDetail,
  offboardTenant: tenantDetail,
  updateTenantSettings: tenantDetail,
  listUsers: userList,
  createUser: createdUser,
  updateUser: updatedUser,
  listUserSessions: userSessions,
  endUserSessions: sessionsEnded,
  endUserSession: sessionsEnded,
  listAuditEvents: auditPage,
  listConsumerGroups: lagGroupList,
  getConsumerGroup: lagGroupDetail,
  getTenantPipeline: tenantPipeline,
  getFlowOverview: flowOverview,
  getTenantFlow: tenantFlow,
  manageConnector: connectorAction,
  listAlerts: alertsView,
  createAlertRule: alertRuleResult,
  updateAlertRule: alertRuleResult,
  listEnvironments: environmentList,
  createEnvironment: createdEnvironment,
  updateEnvironment: done,
  deleteEnvironment: done,
  getEnvironmentStatus: environmentStatus,
  listClusters: clusterList,
  createCluster: createdCluster,
  updateCluster: done,
  deleteCluster: done,
  setEnvironmentCluster: done,
  listDeployments: deploymentList,
  createDeployment: deploymentChange,
  getDeployment: deploymentDetail,
  scaleDeployment: deploymentChange,
  rollbackDeployment: deploymentChange,
  promoteTarget: deploymentPromotion,
  restartDeployment: deploymentChange,
  stopDeployment: deploymentChange,
  approveDeployment: deploymentDecision,
  cancelDeployment: deploymentDecision,
  getDeploymentLogs: deploymentLogs,
  searchEntities: searchResult,
  getMember: memberPage,
  revealMember: revealedProfile,
  resyncMember: resyncResult,
  listTenantMoves: tenantMoves,
  moveTenant: tenantMove,
  getReconcileOverview: reconcileOverview,
  startReconcile: reconcileStarted,
  listReconcileDifferences: reconcileDifferences,
  getRetryOverview: retryOverview,
  listDeadLetters: dlqPage,
  getDeadLetter: dlqDetail,
  listReplayJobs: replayJobs,
  replayDeadLetters: replayResult,
  cancelReplayJob: replayCanceled,
  resolveDeadLetters: resolveResult,
};
