/**
 * A failed CDC connector task on the real local Kafka Connect: provoked by a source database whose
 * publication is missing (the connector is configured not to create it), seen FAILED with its
 * trace through readConnector, and restarted through manageConnector once the publication is back.
 * Also the tenant checks of manageConnector, which need only Postgres.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { logLevel, type Admin } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import type { RequestContext } from "@/server/audit/record-audit";
import type { Permission } from "@/server/auth/permissions";
import { createConnectClient, type ConnectClient } from "@/server/connect/connect-client";
import {
  buildConnectorConfig,
  connectorName,
  connectorTopics,
  publicationName,
  sourceConnectionFromUrl,
} from "@/lib/connect/connector-config";
import { getPrisma } from "@/server/db/client";
import { createKafka } from "@/lib/kafka/client";
import { dropSourceDatabase, ensureSourceDatabase } from "@/lib/source-db/source-db";
import { startConnect, type RunningConnect } from "@/scripts/stack/connect";
import { routeTenant } from "@/test/integration/route-tenant";
import { readConnector, manageConnector as manageConnectorOf } from "./connector-state";

/** As POST /api/tenants/{slug}/connector calls it: the tenant resolved with connector.manage. */
const manageConnector = async (
  viewer: Viewer,
  context: RequestContext,
  slug: string,
  input: unknown,
  client: ConnectClient,
) => manageConnectorOf(viewer, context, await routeTenant(viewer, slug, "connector.manage"), input, client);

const run = randomUUID().replaceAll("-", "").slice(0, 8);
const tenant = `flow${run}`;
const otherTenant = `flowother${run}`;
const name = connectorName(tenant);
const topics = connectorTopics(tenant);
const context = { requestId: `it-${run}`, sourceAddress: "127.0.0.1" };

let connect: RunningConnect;
let connectDir: string;
let client: ConnectClient;
let admin: Admin;
let sourceUrl: string;
let tenantId: string;
let otherTenantId: string;

function viewer(global: Permission[], memberships: Array<[string, Permission[]]> = []): Viewer {
  return {
    id: randomUUID(),
    email: `it-${run}@example.test`,
    name: "Flow test",
    globalRole: global.length ? "ops" : null,
    globalPermissions: new Set(global),
    tenantAccess: new Map(
      memberships.map(([id, permissions]) => [id, { role: "viewer", permissions: new Set(permissions) }]),
    ),
  };
}

async function waitFor<T>(what: string, find: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find().catch(() => undefined);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

beforeAll(async () => {
  const prisma = getPrisma();
  tenantId = (await prisma.tenant.create({ data: { slug: tenant, name: `Flow ${run}`, status: "ACTIVE" } })).id;
  otherTenantId = (await prisma.tenant.create({ data: { slug: otherTenant, name: `Other ${run}`, status: "ACTIVE" } }))
    .id;
  admin = createKafka({ ...process.env, KAFKA_CLIENT_ID: "syncdeck-it" }, { logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  connectDir = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-flow-it-"));
  const [running] = await Promise.all([
    startConnect({ brokers: process.env.KAFKA_BROKERS!, dataDir: connectDir, groupId: `it.flow-connect.${run}` }),
    admin.createTopics({
      topics: [topics.cdc.members, topics.cdc.claims, topics.heartbeat].map((topic) => ({ topic, numPartitions: 1 })),
      waitForLeaders: true,
    }),
  ]);
  connect = running;
  client = createConnectClient(connect.url);
  sourceUrl = await ensureSourceDatabase(process.env.DATABASE_URL!, tenant);
});

afterAll(async () => {
  if (client) await client.deleteConnector(name).catch(() => {});
  await connect?.stop();
  await dropSourceDatabase(process.env.DATABASE_URL!, tenant).catch((error) =>
    console.error(`[flow-it] clean-up: ${error}`),
  );
  if (admin) {
    await admin.deleteTopics({ topics: [topics.cdc.members, topics.cdc.claims, topics.heartbeat] }).catch(() => {});
    await admin.disconnect();
  }
  if (connectDir) fs.rmSync(connectDir, { recursive: true, force: true });
  await getPrisma().tenant.deleteMany({ where: { slug: { in: [tenant, otherTenant] } } });
});

describe("a failed CDC connector task", () => {
  it("is FAILED with its trace when the source's publication is missing", async () => {
    const source = new pg.Client({ connectionString: sourceUrl });
    await source.connect();
    await source.query(`DROP PUBLICATION ${publicationName(tenant)}`);
    await source.end();
    await client.putConnectorConfig(name, buildConnectorConfig(tenant, sourceConnectionFromUrl(sourceUrl)));

    const failed = await waitFor("the connector's task to fail", async () => {
      const view = await readConnector(client, tenant, { capturePerSecond: null, cdcMessages: 0 });
      return view.tasks[0]?.state === "FAILED" ? view : undefined;
    });
    expect(failed.tasks[0]!.trace).toMatch(/publication/i);
    expect(failed.tasks[0]!.summary?.exception).toMatch(/Exception/);
    expect(failed.reason).toBeTruthy();
    expect(failed.freshness.kind).toBe("stopped");
  });

  it("cannot be restarted by someone without connector.manage there, nor seen from another tenant", async () => {
    const reader = viewer([], [[tenantId, ["flow.read"]]]);
    await expect(
      manageConnector(reader, context, tenant, { action: "restart-task", taskId: 0 }, client),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const outsider = viewer([], [[otherTenantId, ["flow.read", "connector.manage"]]]);
    await expect(
      manageConnector(outsider, context, tenant, { action: "restart-task", taskId: 0 }, client),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const manager = viewer(["flow.read", "connector.manage"]);
    await expect(
      manageConnector(manager, context, tenant, { action: "restart-task", taskId: 7 }, client),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(manageConnector(manager, context, tenant, { action: "delete" }, client)).rejects.toThrow();
  });

  it("runs again after the publication is back and the task is restarted, and the restart is audited", async () => {
    await ensureSourceDatabase(process.env.DATABASE_URL!, tenant);
    const manager = viewer(["flow.read", "connector.manage"]);
    const result = await manageConnector(manager, context, tenant, { action: "restart-task", taskId: 0 }, client);
    expect(result).toEqual({ connector: name, action: "restart-task", requested: true });

    const running = await waitFor("the task to run again", async () => {
      const view = await readConnector(client, tenant, { capturePerSecond: 0, cdcMessages: 0 });
      return view.tasks[0]?.state === "RUNNING" && view.state === "RUNNING" ? view : undefined;
    });
    expect(running.tasks[0]!.trace).toBeNull();

    const audit = await getPrisma().auditEvent.findMany({
      where: { action: { startsWith: "connector.restart-task" }, tenantId },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "connector.restart-task.requested",
      "connector.restart-task.succeeded",
    ]);
    expect(audit[0]).toMatchObject({ target: `${name}/tasks/0`, actorId: manager.id, requestId: context.requestId });
    expect(audit[0]!.before).toMatchObject({ tasks: [{ id: 0, state: "FAILED" }] });
  });
});
