import { environmentChange, environmentRequest } from "@/server/deployments/environment-input";
import { actionInput, createDeploymentInput, listDeploymentsQuery, rollbackInput, scaleInput } from "@/server/deployments/input";
import type { OperationSpec } from "../operation";
import { createdEnvironment, deploymentChange, deploymentDecision, deploymentDetail, deploymentList, deploymentLogs, done, environmentList, environmentStatus } from "../responses/deployments";

const revision = { schema: deploymentChange, description: "the new revision and what it changes" };

export const deploymentOperations: OperationSpec[] = [
  { method: "get", path: "/api/environments", operationId: "listEnvironments", tag: "deployments", summary: "Environments with driver and protection", ok: { schema: environmentList, description: "environments" } },
  {
    method: "post",
    path: "/api/environments",
    operationId: "createEnvironment",
    tag: "deployments",
    summary: "Add an environment: a name, a driver with its settings, protected or not (environment.manage; audited)",
    body: { schema: environmentRequest },
    ok: { status: 201, schema: createdEnvironment, description: "the new environment and its agent token (`agentToken`, shown this once; only its hash is kept)" },
  },
  { method: "patch", path: "/api/environments/{id}", operationId: "updateEnvironment", tag: "deployments", summary: "Change an environment's title, protection or driver settings (environment.manage; audited)", body: { schema: environmentChange }, ok: { schema: done, description: "changed" } },
  { method: "delete", path: "/api/environments/{id}", operationId: "deleteEnvironment", tag: "deployments", summary: "Remove an environment that never had a deployment (environment.manage; audited)", ok: { schema: done, description: "removed" } },
  { method: "get", path: "/api/environments/{id}/status", operationId: "getEnvironmentStatus", tag: "deployments", summary: "Every target's desired state, sync, health with reason, instances and allowed actions", ok: { schema: environmentStatus, description: "environment status" } },
  { method: "get", path: "/api/deployments", operationId: "listDeployments", tag: "deployments", summary: "Deployment history, newest first, each with its diff", query: listDeploymentsQuery, ok: { schema: deploymentList, description: "deployments" } },
  { method: "post", path: "/api/deployments", operationId: "createDeployment", tag: "deployments", summary: "Deploy a stage of a tenant (a new revision; PENDING_APPROVAL in protected environments)", body: { schema: createDeploymentInput }, ok: revision },
  { method: "get", path: "/api/deployments/{id}", operationId: "getDeployment", tag: "deployments", summary: "A deployment and its target's history with diffs", ok: { schema: deploymentDetail, description: "deployment" } },
  { method: "patch", path: "/api/deployments/{id}/scale", operationId: "scaleDeployment", tag: "deployments", summary: "Scale the target (0 stops it)", body: { schema: scaleInput }, ok: revision },
  { method: "post", path: "/api/deployments/{id}/rollback", operationId: "rollbackDeployment", tag: "deployments", summary: "Roll back: a new deployment of an earlier succeeded revision", body: { schema: rollbackInput }, ok: revision },
  { method: "post", path: "/api/deployments/{id}/restart", operationId: "restartDeployment", tag: "deployments", summary: "Restart the target's instances one at a time", body: { schema: actionInput, optional: true }, ok: revision },
  { method: "post", path: "/api/deployments/{id}/stop", operationId: "stopDeployment", tag: "deployments", summary: "Stop the target (0 replicas)", body: { schema: actionInput, optional: true }, ok: revision },
  { method: "post", path: "/api/deployments/{id}/approve", operationId: "approveDeployment", tag: "deployments", summary: "Approve (deploy.approve, not the requester)", ok: { schema: deploymentDecision, description: "the queued deployment" } },
  { method: "post", path: "/api/deployments/{id}/cancel", operationId: "cancelDeployment", tag: "deployments", summary: "Cancel a deployment waiting for approval or queued", ok: { schema: deploymentDecision, description: "the canceled deployment" } },
  { method: "get", path: "/api/deployments/{id}/logs", operationId: "getDeploymentLogs", tag: "deployments", summary: "The end of each instance's output", ok: { schema: deploymentLogs, description: "instances with their log tail" } },
];
