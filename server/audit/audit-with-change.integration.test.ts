/**
 * Every audited change either commits with its audit record or not at all, against real Postgres
 * and the integration broker. An audit write that fails (a trigger refusing rows of one request id
 * stands in for any failure: a full disk, a dropped connection) must take the change with it:
 * DLQ replay, cancel and resolve. Actions on systems outside the database (the broker's topic
 * retention) are recorded as requested, then succeeded or failed — never claimed before they happen.
 */
import { randomUUID } from "node:crypto";
import { ConfigResourceTypes, logLevel, type Admin } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS } from "@/server/auth/permissions";
import { getPrisma } from "@/server/db/client";
import { createKafka, disconnectSharedAdmin } from "@/lib/kafka/client";
import { cancelReplayJob, replayDlq, resolveDlq } from "@/server/retries/dlq-replay";
import { assertManager, updateSettings } from "@/server/tenants/service";
import { allTenantTopics } from "@/server/tenants/tenant-topics";
import { routeTenant } from "@/test/integration/route-tenant";
import { withThrowawayDatabase } from "@/test/integration/throwaway-database";

const run = randomUUID().replaceAll("-", "").slice(0, 8);
const slug = `it-audit-${run}`;
const ok = { requestId: `it-ok-${run}`, sourceAddress: "127.0.0.1" };
const refused = { requestId: `it-refuse-${run}`, sourceAddress: "127.0.0.1" };
const admin: Viewer = {
  id: randomUUID(),
  email: "admin@example.test",
  name: "Admin",
  globalRole: "admin",
  globalPermissions: new Set(DEFAULT_GRANTS.admin),
  tenantAccess: new Map(),
};
let tenantId = "";
let kafkaAdmin: Admin;

withThrowawayDatabase("it_audit_change", { demo: false });

beforeAll(async () => {
  const db = getPrisma();
  tenantId = (await db.tenant.create({ data: { slug, name: "Audit tenant", status: "ACTIVE" } })).id;
  await db.$executeRawUnsafe(`
    CREATE FUNCTION it_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.request_id = '${refused.requestId}' THEN RAISE EXCEPTION 'audit store unavailable'; END IF;
      RETURN NEW;
    END $$`);
  await db.$executeRawUnsafe(
    `CREATE TRIGGER it_refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION it_refuse_audit()`,
  );
  for (let offset = 0; offset < 3; offset += 1) {
    await db.dlqMessage.create({
      data: {
        tenant: slug,
        kind: "dlq",
        topic: `sync.${slug}.dlq`,
        partition: 0,
        offset: BigInt(offset),
        entity: `member:${offset}`,
        errorClass: "UnknownMember",
        fingerprint: "f".repeat(16),
        errorMessage: "member not found",
        writtenAt: new Date(),
        headerFormat: "sync",
        headers: {},
      },
    });
  }
  kafkaAdmin = createKafka({ ...process.env, KAFKA_CLIENT_ID: "syncdeck-it" }, { logLevel: logLevel.NOTHING }).admin();
  await kafkaAdmin.connect();
});

afterAll(async () => {
  await kafkaAdmin?.deleteTopics({ topics: allTenantTopics(slug) }).catch(() => undefined);
  await kafkaAdmin?.disconnect();
  await disconnectSharedAdmin();
});

const auditActions = async (requestId: string) =>
  (await getPrisma().auditEvent.findMany({ where: { requestId, tenantId }, orderBy: { id: "asc" } })).map(
    (a) => a.action,
  );

describe("audited DLQ changes", () => {
  const selection = { filter: { state: "open" as const } };

  it("queue no replay job whose audit record cannot be written, and audit the one they queue", async () => {
    const db = getPrisma();
    await expect(
      replayDlq(admin, refused, await routeTenant(admin, slug, "dlq.replay"), { selection }),
    ).rejects.toThrow(/audit store unavailable/);
    expect(await db.dlqReplayJob.count({ where: { tenant: slug } })).toBe(0);

    const { job } = (await replayDlq(admin, ok, await routeTenant(admin, slug, "dlq.replay"), { selection })) as {
      job: { id: string };
    };
    expect(await db.dlqReplayJob.count({ where: { tenant: slug } })).toBe(1);
    expect(await auditActions(ok.requestId)).toEqual(["dlq.replay"]);

    await expect(cancelReplayJob(admin, refused, await routeTenant(admin, slug, "dlq.replay"), job.id)).rejects.toThrow(
      /audit store unavailable/,
    );
    expect((await db.dlqReplayJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("queued");
    await cancelReplayJob(admin, ok, await routeTenant(admin, slug, "dlq.replay"), job.id);
    expect((await db.dlqReplayJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("canceled");
    expect(await auditActions(ok.requestId)).toEqual(["dlq.replay", "dlq.replay_cancel"]);
  });

  it("resolve nothing when the audit record cannot be written", async () => {
    const db = getPrisma();
    const body = { selection, action: "resolve", reason: "fixed at the source" };
    await expect(resolveDlq(admin, refused, await routeTenant(admin, slug, "dlq.replay"), body)).rejects.toThrow(
      /audit store unavailable/,
    );
    expect(await db.dlqMessage.count({ where: { tenant: slug, state: "open" } })).toBe(3);
    expect(await resolveDlq(admin, ok, await routeTenant(admin, slug, "dlq.replay"), body)).toEqual({ resolved: 3 });
    expect(await auditActions(ok.requestId)).toEqual(["dlq.replay", "dlq.replay_cancel", "dlq.resolve"]);
  });
});

describe("audited retention change", () => {
  const retentionMs = async () => {
    const described = await kafkaAdmin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: allTenantTopics(slug)[0]! }],
    });
    return described.resources[0]!.configEntries.find((entry) => entry.configName === "retention.ms")!.configValue;
  };

  it("records a refused change as requested and failed, and changes no stored setting", async () => {
    const context = { requestId: `it-retention-fail-${run}`, sourceAddress: "127.0.0.1" };
    // The tenant's topics do not exist yet: the broker refuses to configure them.
    await expect(
      updateSettings(admin, context, await routeTenant(admin, slug, null, assertManager), { retentionHours: 48 }),
    ).rejects.toMatchObject({ code: "UNAVAILABLE" });
    expect(await auditActions(context.requestId)).toEqual(["tenant.retention.requested", "tenant.retention.failed"]);
    expect((await getPrisma().tenant.findUniqueOrThrow({ where: { id: tenantId } })).retentionHours).toBe(168);
  });

  it("records an applied change as requested and succeeded, then the stored setting with its own record", async () => {
    await kafkaAdmin.createTopics({
      topics: allTenantTopics(slug).map((topic) => ({ topic, numPartitions: 1 })),
      waitForLeaders: true,
    });
    const context = { requestId: `it-retention-ok-${run}`, sourceAddress: "127.0.0.1" };
    await updateSettings(admin, context, await routeTenant(admin, slug, null, assertManager), { retentionHours: 48 });
    expect(await auditActions(context.requestId)).toEqual([
      "tenant.retention.requested",
      "tenant.retention.succeeded",
      "tenant.settings",
    ]);
    expect(await retentionMs()).toBe(String(48 * 3_600_000));
    expect((await getPrisma().tenant.findUniqueOrThrow({ where: { id: tenantId } })).retentionHours).toBe(48);
  });
});
