import {
  assignSecretInput,
  declineInput,
  offboardInput,
  settingsInput,
  tenantRequestInput,
} from "@/server/tenants/request-input";
import { listTenantsQuery } from "@/server/tenants/list-tenants";
import type { OperationSpec } from "../operation";
import { preflight, tenantDetail, tenantList, tenantRequests } from "../responses/tenants";
import { tenantMove, tenantMoves } from "../responses/placement";
import { moveInput } from "@/server/tenants/move/move-input";

const detail = { schema: tenantDetail, description: "tenant detail" };
const action = (path: string, operationId: string, summary: string, body?: OperationSpec["body"]): OperationSpec => ({
  method: "post",
  path,
  operationId,
  tag: "tenants",
  summary,
  ...(body ? { body } : {}),
  ok: detail,
});

export const tenantOperations: OperationSpec[] = [
  {
    method: "get",
    path: "/api/tenants",
    operationId: "listTenants",
    tag: "tenants",
    summary: "A page of the tenants the caller may see: staff of, requested by them, or all for approvers",
    query: listTenantsQuery,
    ok: { schema: tenantList, description: "tenants" },
  },
  {
    method: "post",
    path: "/api/tenants",
    operationId: "requestTenant",
    tag: "tenants",
    summary: "Request a new tenant (any signed-in user; audited); 201 with its timeline",
    body: { schema: tenantRequestInput },
    ok: { status: 201, schema: tenantDetail, description: "the request's detail" },
  },
  {
    method: "get",
    path: "/api/tenants/requests",
    operationId: "listTenantRequests",
    tag: "tenants",
    summary: "The approval queue (tenant.approve) or the caller's own requests",
    ok: { schema: tenantRequests, description: "requests" },
  },
  {
    method: "get",
    path: "/api/tenants/{slug}",
    operationId: "getTenant",
    tag: "tenants",
    summary: "Status, timeline, jobs with steps, staff, lag, offboarding plan and the caller's allowed actions",
    ok: detail,
  },
  {
    method: "put",
    path: "/api/tenants/{slug}",
    operationId: "resubmitTenantRequest",
    tag: "tenants",
    summary: "Resubmit a declined request (the requester only)",
    body: { schema: tenantRequestInput },
    ok: { schema: tenantDetail, description: "the request's detail" },
  },
  {
    method: "get",
    path: "/api/tenants/{slug}/preflight",
    operationId: "getTenantPreflight",
    tag: "tenants",
    summary: "Pre-flight checks: names free, broker, partitions, source database, Connect, environment",
    ok: { schema: preflight, description: "checks and partition plan" },
  },
  action(
    "/api/tenants/{slug}/approve",
    "approveTenant",
    "Approve (a second admin; checks must pass); starts provisioning",
  ),
  action("/api/tenants/{slug}/decline", "declineTenant", "Decline with a reason the requester sees", {
    schema: declineInput,
  }),
  {
    method: "put",
    path: "/api/tenants/{slug}/source-secret",
    operationId: "assignTenantSourceSecret",
    tag: "tenants",
    summary: "Assign the platform secret registered for the external source's host (admins only)",
    body: { schema: assignSecretInput },
    ok: detail,
  },
  action("/api/tenants/{slug}/retry", "retryTenantJob", "Retry the failed job from its failed step"),
  action(
    "/api/tenants/{slug}/suspend",
    "suspendTenant",
    "Suspend: pause the connector, stop the processors, keep data",
  ),
  action("/api/tenants/{slug}/resume", "resumeTenant", "Resume a suspended tenant"),
  action("/api/tenants/{slug}/offboard", "offboardTenant", "Offboard, with the slug typed as confirmation", {
    schema: offboardInput,
  }),
  {
    method: "get",
    path: "/api/tenants/{slug}/placement",
    operationId: "listTenantMoves",
    tag: "tenants",
    summary:
      "Where the tenant's processors run (dedicated or a pool) and its latest moves, each with its steps and progress",
    ok: { schema: tenantMoves, description: "placement and moves" },
  },
  {
    method: "post",
    path: "/api/tenants/{slug}/placement",
    operationId: "moveTenant",
    tag: "tenants",
    summary:
      "Move the tenant between a pool and dedicated processors (deploy.create in the tenant; audited): the placement changes at once, the move then goes release → consume → catch-up; 409 when a move is running or the placement is unchanged",
    body: { schema: moveInput },
    extraErrors: [409],
    ok: { status: 202, schema: tenantMove, description: "the move" },
  },
  {
    method: "patch",
    path: "/api/tenants/{slug}/settings",
    operationId: "updateTenantSettings",
    tag: "tenants",
    summary: "Change the lag SLO or topic retention (applied to the topics first)",
    body: { schema: settingsInput },
    extraErrors: [503],
    ok: detail,
  },
];
