/**
 * A tenant source's password goes only where the platform registered it, against the real
 * Postgres, a listener that records every byte it receives, and a real Kafka Connect worker:
 * - a requester who is not an admin cannot name a secret, nor assign one;
 * - an admin cannot assign a secret to a host it is not registered for, and pre-flight never sends
 *   a secret to such a host even when one is stored;
 * - a host that asks for the password in clear text, or offers no TLS when verify-full is the
 *   default, does not receive it;
 * - the connector runs with the password, yet Connect's stored config holds only a reference.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS, type RoleName } from "@/server/auth/permissions";
import { createConnectClient } from "@/server/connect/connect-client";
import { buildConnectorConfig, connectorName, slotName } from "@/lib/connect/connector-config";
import { putConnectorWithRetry } from "@/server/connect/register-connector";
import { disconnectPrisma, getPrisma } from "@/server/db/client";
import { seed } from "../../prisma/seed";
import { CLEARTEXT_REFUSED } from "@/lib/source-db/source-client";
import { testTenant, waitFor } from "../../pipeline/shared/testing";
import { databaseUrl, ensureCdcObjects, withClient } from "@/lib/source-db/source-db";
import { startConnect, type RunningConnect } from "../../scripts/stack/connect";
import { REPO_ROOT } from "../../scripts/stack/maven";
import type { RequestContext } from "@/server/audit/record-audit";
import { routeTenant } from "@/test/integration/route-tenant";
import * as service from "./service";
import { submitRequest } from "./service";
import { resolveSource } from "./source";

// As the routes call them: the approver check before the lookup, then the tenant.
const getPreflight = async (viewer: Viewer, slug: string) =>
  service.getPreflight(viewer, await routeTenant(viewer, slug, null, service.assertApprover));
const assignSourceSecret = async (viewer: Viewer, context: RequestContext, slug: string, body: unknown) =>
  service.assignSourceSecret(
    viewer,
    context,
    await routeTenant(viewer, slug, null, service.assertMayAssignSecret),
    body,
  );

const run = randomUUID().replaceAll("-", "").slice(0, 8);
const context = { requestId: "it-source-secrets", sourceAddress: "127.0.0.1" };
const environment = `it-sec-${run}`;
const database = `sec_${run}`;
const role = `cdc_${run}`;
const password = `pw-${randomUUID()}`;
const secret = `IT_SEC_${run.toUpperCase()}`;
const pgPort = Number(new URL(process.env.DATABASE_URL!).port);
const users: Record<"requester" | "admin" | "secondAdmin", Viewer> = {} as never;
let recorder: Recorder;
let connect: RunningConnect | undefined;
let dir: string;

type Recorder = { port: number; received: () => Buffer; connections: () => number; close: () => Promise<void> };

/** Answers like a Postgres that has no TLS and asks for a clear-text password; keeps every byte. */
async function recordingServer(): Promise<Recorder> {
  const chunks: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("data", (chunk) => {
      chunks.push(chunk);
      const sslRequest = chunk.length === 8 && chunk.readInt32BE(4) === 80_877_103;
      socket.write(sslRequest ? Buffer.from("N") : Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    received: () => Buffer.concat(chunks),
    connections: () => sockets.size,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function createUser(email: string, roleName: RoleName): Promise<Viewer> {
  const user = await getPrisma().user.create({
    data: { email, name: email, passwordHash: "x", globalRoleName: roleName },
  });
  return {
    id: user.id,
    email,
    name: email,
    globalRole: roleName,
    globalPermissions: new Set(DEFAULT_GRANTS[roleName]),
    tenantAccess: new Map(),
  };
}

const source = (port: number, extra: Record<string, unknown> = {}) => ({
  kind: "external",
  host: "127.0.0.1",
  port,
  database,
  user: role,
  ...extra,
});

function request(slug: string, sourceBody: Record<string, unknown>) {
  return {
    name: `Secrets ${slug}`,
    slug,
    contacts: [{ name: "Pat Lee", email: "pat@initech.test" }],
    source: sourceBody,
    expectedDailyChanges: 1_000,
    peakChangesPerSecond: 10,
    entities: ["members", "claims"],
    environment,
  };
}

const sourceCheck = async (slug: string) =>
  (await getPreflight(users.admin, slug)).checks.find((c) => c.key === "source")!;
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

function register(name: string, hosts: string, sslMode?: string) {
  process.env[`SYNCDECK_SOURCE_SECRET_${name}`] = password;
  process.env[`SYNCDECK_SOURCE_SECRET_${name}_HOSTS`] = hosts;
  if (sslMode) process.env[`SYNCDECK_SOURCE_SECRET_${name}_SSLMODE`] = sslMode;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "it-source-secrets-"));
  const db = getPrisma();
  await db.environment.create({ data: { id: environment, name: "IT source secrets", driver: "local" } });
  await seed(db, { demo: false });
  users.requester = await createUser(`requester-${run}@it.test`, "ops");
  users.admin = await createUser(`admin-${run}@it.test`, "admin");
  users.secondAdmin = await createUser(`admin2-${run}@it.test`, "admin");
  // the tenant's own database, owned by its own replication user (SCRAM, no TLS on the local server)
  await withClient(process.env.DATABASE_URL!, async (c) => {
    await c.query(`CREATE ROLE ${role} LOGIN REPLICATION PASSWORD '${password}'`);
    await c.query(`CREATE DATABASE ${database} OWNER ${role}`);
  });
  const tenantUrl = new URL(databaseUrl(process.env.DATABASE_URL!, database));
  tenantUrl.username = role;
  tenantUrl.password = password;
  await withClient(tenantUrl.toString(), (c) =>
    c.query(fs.readFileSync(path.join(REPO_ROOT, "pipeline/shared/source-schema.sql"), "utf8")),
  );
  recorder = await recordingServer();
  // pre-flight's Connect check has nothing to reach here; only its source check matters
  process.env.KAFKA_CONNECT_URL = "http://127.0.0.1:9";
  register(secret, `127.0.0.1:${pgPort}/${database}`, "disable");
  register(`${secret}_TO_RECORDER`, `127.0.0.1:${recorder.port}`, "disable");
  register(`${secret}_TLS`, `127.0.0.1:${recorder.port}`);
}, 120_000);

afterAll(async () => {
  await recorder?.close();
  await connect?.stop();
  await withClient(process.env.DATABASE_URL!, async (c) => {
    await c.query(
      "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name LIKE $1 AND NOT active",
      [`sync_it_sec%`],
    );
    await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await c.query(`DROP ROLE IF EXISTS ${role}`);
  }).catch(() => undefined);
  await disconnectPrisma();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("source secrets", () => {
  it("refuses a requester who is not an admin naming or assigning a secret; an admin assigns one registered for the host", async () => {
    const slug = testTenant("it-sec-a");
    await expect(
      submitRequest(users.requester, context, request(slug, source(pgPort, { passwordSecret: secret }))),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getPrisma().tenant.count({ where: { slug } })).toBe(0);

    await submitRequest(users.requester, context, request(slug, source(pgPort)));
    expect((await sourceCheck(slug)).detail).toContain("no password secret is assigned");
    await expect(assignSourceSecret(users.requester, context, slug, { passwordSecret: secret })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    // registered for another port: refused, and nothing stored
    await expect(
      assignSourceSecret(users.admin, context, slug, { passwordSecret: `${secret}_TO_RECORDER` }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("its password is not sent there"),
    });

    const detail = await assignSourceSecret(users.admin, context, slug, { passwordSecret: secret });
    expect(detail.tenant.source).toContain(`password in SYNCDECK_SOURCE_SECRET_${secret}`);
    expect(detail.events.map((e) => e.kind)).toEqual(["submitted", "secret_assigned"]);
    const check = await sourceCheck(slug);
    expect(check).toMatchObject({ ok: true, detail: expect.stringContaining("wal_level=logical") });
    expect(JSON.stringify(detail)).not.toContain(password);
  });

  it("never sends a stored secret to a host it is not registered for", async () => {
    const slug = testTenant("it-sec-b");
    // an admin's request may name a secret; this one is registered for the real server, not the listener
    await submitRequest(users.admin, context, request(slug, source(recorder.port, { passwordSecret: secret })));
    const check = await sourceCheck(slug);
    expect(check.ok).toBe(false);
    expect(check.detail).toContain(
      `is registered for 127.0.0.1:${pgPort}/${database}, not for 127.0.0.1:${recorder.port}`,
    );
    await settle();
    expect(recorder.connections()).toBe(0);
  });

  it("does not give the password to a registered host that asks for it in clear text, or that offers no TLS", async () => {
    const cleartext = testTenant("it-sec-c");
    await submitRequest(
      users.admin,
      context,
      request(cleartext, source(recorder.port, { passwordSecret: `${secret}_TO_RECORDER` })),
    );
    expect(await sourceCheck(cleartext)).toMatchObject({ ok: false, detail: CLEARTEXT_REFUSED });

    const tls = testTenant("it-sec-d");
    await submitRequest(users.admin, context, request(tls, source(recorder.port, { passwordSecret: `${secret}_TLS` })));
    expect(await sourceCheck(tls)).toMatchObject({ ok: false, detail: expect.stringMatching(/does not support SSL/) });

    await settle();
    expect(recorder.connections()).toBeGreaterThanOrEqual(2);
    expect(recorder.received().includes(Buffer.from(password))).toBe(false);
  });

  it("registers a connector that runs with the password while Connect stores only a reference to it", async () => {
    const slug = testTenant("it-sec-e");
    connect = await startConnect({
      brokers: process.env.KAFKA_BROKERS!,
      dataDir: path.join(dir, "connect"),
      groupId: `it.sec-connect.${run}`,
    });
    const client = createConnectClient(connect.url);
    const resolved = resolveSource(slug, source(pgPort, { passwordSecret: secret }), process.env);
    await ensureCdcObjects(resolved.target, slug);
    const name = connectorName(slug);
    await putConnectorWithRetry(client, name, buildConnectorConfig(slug, resolved.connection));
    try {
      await waitFor(
        "the connector and its task RUNNING",
        async () => {
          const status = await client.getStatus(name).catch(() => undefined);
          const failed = status && [status.connector, ...status.tasks].find((s) => s.state === "FAILED");
          if (failed) throw new Error(`connector FAILED: ${failed.trace?.split("\n")[0]}`);
          return status?.connector.state === "RUNNING" &&
            status.tasks.length > 0 &&
            status.tasks.every((t) => t.state === "RUNNING")
            ? true
            : undefined;
        },
        180_000,
      );
      // the task signed in with the password: it made its replication slot and streams from it
      await waitFor(
        "the connector's replication slot in use",
        async () => {
          const slot = await withClient(process.env.DATABASE_URL!, (c) =>
            c.query<{ active: boolean }>("SELECT active FROM pg_replication_slots WHERE slot_name = $1", [
              slotName(slug),
            ]),
          );
          return slot.rows[0]?.active ? true : undefined;
        },
        60_000,
      );
      const stored = (await (
        await fetch(`${connect.url}/connectors/${encodeURIComponent(name)}/config`)
      ).json()) as Record<string, string>;
      expect(stored["database.password"]).toBe(`\${env:SYNCDECK_SOURCE_SECRET_${secret}}`);
      expect(stored["database.sslmode"]).toBe("disable");
      expect(JSON.stringify(stored)).not.toContain(password);
    } finally {
      await client.deleteConnector(name).catch(() => undefined);
    }
  }, 300_000);
});
