import { z } from "zod";
import { paletteQuery } from "@/server/palette/search";
import type { OperationSpec } from "../operation";
import { paletteResult } from "../responses/lookup";
import { healthz, openApiJson, platformStatus, readiness } from "../responses/platform";

export const platformOperations: OperationSpec[] = [
  {
    method: "get",
    path: "/api/healthz",
    operationId: "getLiveness",
    tag: "platform",
    summary: "Liveness; says nothing about data",
    security: [],
    onlyErrors: [],
    ok: { schema: healthz, description: "up" },
  },
  {
    method: "get",
    path: "/api/readyz",
    operationId: "getReadiness",
    tag: "platform",
    summary: "Readiness: database reachable, migrations current, Kafka reachable; each check's reason in words",
    security: [],
    onlyErrors: [],
    ok: { schema: readiness, description: "ready" },
    otherResponses: { "503": { description: "not ready; `checks` says which and why", schema: readiness } },
  },
  {
    method: "get",
    path: "/api/platform/status",
    operationId: "getPlatformStatus",
    tag: "platform",
    summary:
      "Broker, Connect and database status (tenant members: their tenants' topic and connector counts only; cached 5 s)",
    ok: { schema: platformStatus, description: "platform status" },
  },
  {
    method: "get",
    path: "/api/metrics",
    operationId: "getMetrics",
    tag: "platform",
    summary:
      "Prometheus metrics: consumer group and partition lag, status level, the console process (bearer SYNCDECK_METRICS_TOKEN; docs/production.md)",
    security: [{ bearer: [] }],
    onlyErrors: [401],
    ok: { contentType: "text/plain; version=0.0.4", description: "Prometheus text format" },
  },
  {
    method: "get",
    path: "/api/auth/{nextauth}",
    operationId: "getAuth",
    tag: "auth",
    summary: "next-auth sign-in endpoints (session, providers, callback)",
    security: [],
    onlyErrors: [],
    ok: { schema: z.unknown(), description: "next-auth's own answer" },
  },
  {
    method: "post",
    path: "/api/auth/{nextauth}",
    operationId: "postAuth",
    tag: "auth",
    summary: "next-auth sign-in and sign-out",
    security: [],
    onlyErrors: [],
    ok: { schema: z.unknown(), description: "next-auth's own answer" },
  },
  {
    method: "get",
    path: "/api/openapi.json",
    operationId: "getOpenApiDocument",
    tag: "platform",
    summary: "This description",
    ok: { schema: openApiJson, description: "OpenAPI 3.1 document" },
  },
  {
    method: "get",
    path: "/api/palette",
    operationId: "searchPalette",
    tag: "lookup",
    summary:
      "The command palette's search: tenants, consumer groups, and members or claims by id that the viewer may open (never by name)",
    query: paletteQuery,
    ok: { schema: paletteResult, description: "hits: kind, label, detail, href" },
  },
];
