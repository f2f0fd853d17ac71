import { createRuleInput, listAlertsQuery, updateRuleInput } from "@/server/alerts/rule-input";
import { connectorActionInput } from "@/server/flow/connector-state";
import { pipelineQuery } from "@/server/health/tenant-pipeline";
import { groupDetailQuery, listGroupsQuery } from "@/server/lag/read-lag";
import type { OperationSpec } from "../operation";
import { alertRuleResult, alertsView } from "../responses/alerts";
import { connectorAction, flowOverview, tenantFlow } from "../responses/flow";
import { lagGroupDetail, lagGroupList } from "../responses/lag";
import { tenantPipeline } from "../responses/platform";

/** Lag, flow, pipeline health and alerts: what a person watches. */
export const observeOperations: OperationSpec[] = [
  {
    method: "get",
    path: "/api/lag/groups",
    operationId: "listConsumerGroups",
    tag: "lag",
    summary: "Consumer groups with lag, status, reason and time to drain",
    query: listGroupsQuery,
    ok: { schema: lagGroupList, description: "groups" },
  },
  {
    method: "get",
    path: "/api/lag/groups/{groupId}",
    operationId: "getConsumerGroup",
    tag: "lag",
    summary: "One group's lag history and partitions, each with its time to drain",
    query: groupDetailQuery,
    ok: { schema: lagGroupDetail, description: "group detail" },
  },
  {
    method: "get",
    path: "/api/tenants/{slug}/pipeline",
    operationId: "getTenantPipeline",
    tag: "tenants",
    summary: "A tenant's stage status, instances, throughput, depth and latency",
    query: pipelineQuery,
    ok: { schema: tenantPipeline, description: "pipeline view" },
  },
  {
    method: "get",
    path: "/api/flow",
    operationId: "getFlowOverview",
    tag: "flow",
    summary: "Every visible tenant's flow graph and worst status",
    ok: { schema: flowOverview, description: "graphs" },
  },
  {
    method: "get",
    path: "/api/tenants/{slug}/flow",
    operationId: "getTenantFlow",
    tag: "flow",
    summary:
      "A tenant's flow: graph with rates and lag, topics and partitions, stages, connector, freshness, snapshot progress",
    ok: { schema: tenantFlow, description: "flow" },
  },
  {
    method: "post",
    path: "/api/tenants/{slug}/connector",
    operationId: "manageConnector",
    tag: "flow",
    summary: "Pause, resume or restart the tenant's CDC connector, or restart one task (connector.manage)",
    body: { schema: connectorActionInput },
    extraErrors: [503],
    ok: { schema: connectorAction, description: "the action asked of Kafka Connect" },
  },
  {
    method: "get",
    path: "/api/alerts",
    operationId: "listAlerts",
    tag: "alerts",
    summary: "Alert rules and firing/resolved history of the visible tenants",
    query: listAlertsQuery,
    ok: { schema: alertsView, description: "rules, events and the firing count" },
  },
  {
    method: "post",
    path: "/api/alerts/rules",
    operationId: "createAlertRule",
    tag: "alerts",
    summary:
      "Create an alert rule (alert.manage in the tenant); a webhook resolving to a non-public address is a 400 unless SYNCDECK_WEBHOOK_ALLOW lists it",
    body: { schema: createRuleInput },
    ok: { status: 201, schema: alertRuleResult, description: "the rule" },
  },
  {
    method: "patch",
    path: "/api/alerts/rules/{id}",
    operationId: "updateAlertRule",
    tag: "alerts",
    summary: "Change or switch off an alert rule (switching off resolves a firing alert)",
    body: { schema: updateRuleInput },
    ok: { schema: alertRuleResult, description: "the rule" },
  },
];
