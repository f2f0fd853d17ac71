import { auditFilterInput } from "@/server/audit/audit-filter";
import { listUsersQuery } from "@/server/admin/list-users";
import { createUserInput, updateUserInput } from "@/server/admin/user-input";
import type { OperationSpec } from "../operation";
import { auditPage } from "../responses/audit";
import { createdUser, sessionsEnded, updatedUser, userList, userSessions } from "../responses/users";

export const userOperations: OperationSpec[] = [
  {
    method: "get",
    path: "/api/users",
    operationId: "listUsers",
    tag: "users",
    summary: "A page of users by email, with the total and the enabled admins (global user.manage)",
    query: listUsersQuery,
    ok: { schema: userList, description: "users" },
  },
  {
    method: "post",
    path: "/api/users",
    operationId: "createUser",
    tag: "users",
    summary: "Create a user; a generated password is returned once",
    body: { schema: createUserInput },
    ok: { status: 201, schema: createdUser, description: "created user" },
  },
  {
    method: "patch",
    path: "/api/users/{id}",
    operationId: "updateUser",
    tag: "users",
    summary:
      "Change name, global role, memberships, the disabled flag or the password (disabling, a new password and taking a role away end the user's sessions)",
    body: { schema: updateUserInput },
    ok: { schema: updatedUser, description: "updated user" },
  },
  {
    method: "get",
    path: "/api/users/{id}/sessions",
    operationId: "listUserSessions",
    tag: "users",
    summary: "The user's open sessions: signed in when and from where, last seen, absolute end (global user.manage)",
    ok: { schema: userSessions, description: "sessions" },
  },
  {
    method: "delete",
    path: "/api/users/{id}/sessions",
    operationId: "endUserSessions",
    tag: "users",
    summary: "End every open session of the user (audited)",
    ok: { schema: sessionsEnded, description: "number of sessions ended" },
  },
  {
    method: "delete",
    path: "/api/users/{id}/sessions/{sessionId}",
    operationId: "endUserSession",
    tag: "users",
    summary: "End one open session of the user (audited)",
    ok: { schema: sessionsEnded, description: "number of sessions ended" },
  },
  {
    method: "get",
    path: "/api/audit",
    operationId: "listAuditEvents",
    tag: "audit",
    summary: "Audit events, newest first",
    query: auditFilterInput,
    ok: { schema: auditPage, description: "audit events" },
  },
  {
    method: "get",
    path: "/api/audit/export.csv",
    operationId: "exportAuditEvents",
    tag: "audit",
    summary: "Filtered audit events as CSV (the same filters as the list)",
    query: auditFilterInput,
    ok: { contentType: "text/csv", description: "a CSV download" },
  },
];
