/**
 * Dead letters end to end on the integration broker and Postgres: claims whose member the target
 * does not know go through retry into the DLQ, the indexer records them, the cause is fixed (the
 * member arrives), the DLQ is replayed twice through the API's data functions, and reconciliation
 * then reports the tenant in sync with no change applied twice. Also: tenant isolation of list,
 * detail and replay, and resolve hiding records from the default view.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Admin, Kafka, Producer } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS } from "@/server/auth/permissions";
import { disconnectPrisma, getPrisma } from "@/server/db/client";
import { reconcileTenant } from "@/server/reconcile/reconcile";
import { createProducer } from "@/lib/kafka/client";
import type { CanonicalUpdate } from "@/lib/contract/canonical-update";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { startProcessor, type RunningProcessor } from "@/pipeline/shared/runner";
import { testKafka, testTenant, waitFor } from "@/pipeline/shared/testing";
import { tenantTopics } from "@/lib/contract/topics";
import { retryProcessorStage } from "@/pipeline/retry-processor/stage";
import { updateProcessorStage } from "@/pipeline/update-processor/stage";
import { routeTenant } from "@/test/integration/route-tenant";
import type { RequestContext } from "@/server/audit/record-audit";
import { getDlqMessage as getDlqMessageOf, listDlq as listDlqOf, listPermission } from "./dlq-read";
import { listReplayJobs as listReplayJobsOf, replayDlq as replayDlqOf, resolveDlq as resolveDlqOf } from "./dlq-replay";
import { startDlqIndexer, type RunningIndexer } from "@/server/workers/dlq-indexer.worker";
import { closeDlqReadPool } from "./read-pool";
import { startReplayWorker, type RunningReplayWorker } from "@/server/workers/dlq-replay.worker";

const tenant = testTenant("it-dlq");
const other = testTenant("it-dlq-b");
const topics = tenantTopics(tenant);
const targetUrl = process.env.DATABASE_URL!;
const sourceDb = `it_dlq_src_${randomUUID().replaceAll("-", "").slice(0, 10)}`;
const sourceUrl = Object.assign(new URL(targetUrl), { pathname: `/${sourceDb}` }).toString();
const context = { requestId: "it-dlq", sourceAddress: "127.0.0.1" };

let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let pool: pg.Pool;
let source: pg.Client;
let processors: RunningProcessor[] = [];
let indexer: RunningIndexer;
let worker: RunningReplayWorker;
const tenantIds: Record<string, string> = {};

function viewerOf(tenantId: string, role: "ops" | "viewer"): Viewer {
  return {
    id: randomUUID(),
    email: `${role}@${tenantId}.test`,
    name: role,
    globalRole: null,
    globalPermissions: new Set(),
    tenantAccess: new Map([[tenantId, { role, permissions: new Set(DEFAULT_GRANTS[role]) }]]),
  };
}

const update = (entity: "member" | "claim", id: string, memberId: string, lsn: number): CanonicalUpdate =>
  ({
    tenant,
    entity,
    op: "upsert",
    id,
    memberId,
    sourceLsn: String(lsn),
    sourceVersion: 1,
    sourceTsMs: Date.now(),
    cdcTopic: topics.cdc(entity === "member" ? "members" : "claims"),
    cdcPartition: 0,
    cdcOffset: String(lsn),
    data:
      entity === "member"
        ? {
            memberId,
            firstName: "Grace",
            lastName: "Hopper",
            dateOfBirth: "1956-12-09",
            addressLine: "9 Navy Yard",
            city: "Arlington",
            state: "VA",
            postalCode: "22201",
            planId: "P-1",
            status: "ACTIVE",
          }
        : {
            claimId: id,
            memberId,
            ndc: "00093715301",
            drugName: "Atorvastatin 20 mg",
            pharmacyId: "PH-1",
            quantity: 30,
            daysSupply: 30,
            amountBilled: "12.50",
            amountPaid: "10.00",
            status: "PAID",
            fillDate: "2026-11-20",
          },
  }) as CanonicalUpdate;

async function send(updates: CanonicalUpdate[]) {
  await producer.send({
    topic: topics.updates,
    messages: updates.map((u) => ({ key: u.memberId, value: JSON.stringify(u) })),
    acks: -1,
  });
}

async function sourceRows(memberIds: string[], claims: Array<[string, string]>) {
  for (const id of memberIds)
    await source.query("INSERT INTO members (member_id, first_name, last_name) VALUES ($1, 'Grace', 'Hopper')", [id]);
  for (const [claimId, memberId] of claims) {
    await source.query(
      "INSERT INTO claims (claim_id, member_id, ndc, drug_name, pharmacy_id, quantity, days_supply, amount_billed, amount_paid, status, fill_date) VALUES ($1, $2, '00093715301', 'X', 'P', 1, 1, 1, 1, 'PAID', '2026-11-20')",
      [claimId, memberId],
    );
  }
}

const RETRY = { RETRY_DELAYS_MS: "100", RETRY_MAX_ATTEMPTS: "2" };

beforeAll(async () => {
  kafka = testKafka();
  admin = kafka.admin();
  producer = createProducer(kafka);
  pool = new pg.Pool({ connectionString: targetUrl, max: 2 });
  await Promise.all([admin.connect(), producer.connect()]);
  // one retry schedule for the console (replay) and the processors: it names the retry tier topics
  Object.assign(process.env, RETRY);
  await ensureTenantTopics(admin, tenant, 2);
  await ensureTenantTopics(admin, other, 1);
  for (const slug of [tenant, other]) {
    const row = await getPrisma().tenant.create({ data: { slug, name: slug, status: "ACTIVE" } });
    tenantIds[slug] = row.id;
  }
  await pool.query(`CREATE DATABASE "${sourceDb}"`);
  source = new pg.Client({ connectionString: sourceUrl });
  await source.connect();
  await source.query(fs.readFileSync(path.resolve("pipeline/shared/source-schema.sql"), "utf8"));
  const env = { ...process.env, HEARTBEAT_INTERVAL_MS: "500" };
  processors = [
    await startProcessor(updateProcessorStage, ["--tenant", tenant], env),
    await startProcessor(retryProcessorStage, ["--tenant", tenant], env),
  ];
  indexer = startDlqIndexer({
    kafka,
    databaseUrl: targetUrl,
    groupId: `it-dlq-indexer-${tenant}`,
    topicCheckMs: 1_000,
    log: () => undefined,
  });
  worker = startReplayWorker({ kafka, databaseUrl: targetUrl, pollMs: 200 });
});

afterAll(async () => {
  delete process.env.RETRY_DELAYS_MS;
  delete process.env.RETRY_MAX_ATTEMPTS;
  await worker?.stop();
  await indexer?.stop();
  for (const p of processors) await p.stop();
  await producer?.disconnect();
  await admin?.disconnect();
  await source?.end();
  await pool?.query(`DROP DATABASE IF EXISTS "${sourceDb}" WITH (FORCE)`);
  await pool?.end();
  await closeDlqReadPool();
  await disconnectPrisma();
});

// As the dead-letter routes call them: the tenant resolved with each route's permission first.
const listDlq = async (viewer: Viewer, slug: string, input: Record<string, string>) =>
  listDlqOf(await routeTenant(viewer, slug, listPermission(input)), input);
const getDlqMessage = async (viewer: Viewer, context: RequestContext, slug: string, id: string, input: unknown) =>
  getDlqMessageOf(viewer, context, await routeTenant(viewer, slug, "dlq.read"), id, input);
const listReplayJobs = async (viewer: Viewer, slug: string) =>
  listReplayJobsOf(await routeTenant(viewer, slug, "dlq.read"));
const replayDlq = async (viewer: Viewer, context: RequestContext, slug: string, input: unknown) =>
  replayDlqOf(viewer, context, await routeTenant(viewer, slug, "dlq.replay"), input);
const resolveDlq = async (viewer: Viewer, context: RequestContext, slug: string, input: unknown) =>
  resolveDlqOf(viewer, context, await routeTenant(viewer, slug, "dlq.replay"), input);

const openDlq = async (viewer: Viewer) => (await listDlq(viewer, tenant, { state: "open", limit: "100" })).items;

describe("dead letters", () => {
  it("indexes poison changes, replays them after the fix, and the tenant reconciles with no duplicates", async () => {
    const ops = viewerOf(tenantIds[tenant]!, "ops");
    await sourceRows(
      ["m-ok", "m-late"],
      [
        ["c-ok", "m-ok"],
        ["c-p1", "m-late"],
        ["c-p2", "m-late"],
        ["c-p3", "m-late"],
      ],
    );
    // m-late's own change is held back: its claims fail with UnknownMember, retry once, then dead-letter.
    await send([
      update("member", "m-ok", "m-ok", 100),
      update("claim", "c-ok", "m-ok", 110),
      update("claim", "c-p1", "m-late", 120),
      update("claim", "c-p2", "m-late", 130),
      update("claim", "c-p3", "m-late", 140),
    ]);

    const dead = await waitFor(
      "3 indexed dead letters",
      async () => {
        const rows = await openDlq(ops);
        return rows.length >= 3 ? rows : undefined;
      },
      90_000,
    );
    expect(dead.map((r) => r.entity).sort()).toEqual(["claim:c-p1", "claim:c-p2", "claim:c-p3"]);
    expect(dead[0]).toMatchObject({ errorClass: "UnknownMember", headerFormat: "sync", stage: "retry-processor" });
    expect((await reconcileTenant({ tenant, sourceUrl, targetUrl })).inSync).toBe(false);

    // Detail: health data masked for ops (no entity.read_unmasked), revealing is refused.
    const detail = await getDlqMessage(ops, context, tenant, dead[0]!.id, {});
    expect(detail.masked).toBe(true);
    expect(detail.headers["sync-error-class"]).toBe("UnknownMember");
    await expect(getDlqMessage(ops, context, tenant, dead[0]!.id, { unmasked: "1" })).rejects.toThrow(/read_unmasked/);

    // Fix the cause: the member arrives.
    await send([update("member", "m-late", "m-late", 150)]);
    await waitFor("m-late applied", async () =>
      (await pool.query("SELECT 1 FROM target_members WHERE tenant = $1 AND member_id = 'm-late'", [tenant])).rowCount
        ? true
        : undefined,
    );

    const selection = { filter: { errorClass: "UnknownMember" } };
    const dry = await replayDlq(ops, context, tenant, { selection, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, preview: { count: 3, newerApplied: [] } });
    const ids = dead.map((r) => r.id);
    await replayDlq(ops, context, tenant, { selection, target: "original" });
    await waitFor(
      "the replay job to finish",
      async () => {
        const { jobs } = await listReplayJobs(ops, tenant);
        return jobs[0]?.status === "succeeded" ? jobs[0] : undefined;
      },
      30_000,
    );
    expect(await openDlq(ops)).toEqual([]); // they left the default view
    // Replaying the same records again (now to the first retry step) applies nothing twice.
    await replayDlq(ops, context, tenant, { selection: { ids }, target: "retry" });

    await waitFor(
      "the tenant in sync",
      async () => ((await reconcileTenant({ tenant, sourceUrl, targetUrl })).inSync ? true : undefined),
      60_000,
    );
    await waitFor("both replays done", async () =>
      (await listReplayJobs(ops, tenant)).jobs.every((j) => j.status === "succeeded") ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // let the second replay reach the target
    const { rows: duplicates } = await pool.query(
      `SELECT entity_ref, source_lsn, count(*) FROM event_trail WHERE tenant = $1 AND stage = 'update-processor' AND outcome = 'applied'
       GROUP BY entity_ref, source_lsn HAVING count(*) > 1`,
      [tenant],
    );
    expect(duplicates).toEqual([]);
    const { rows: audit } = await pool.query("SELECT action FROM audit_events WHERE tenant_id = $1 ORDER BY id", [
      tenantIds[tenant],
    ]);
    expect(audit.map((a) => a.action)).toEqual(["dlq.replay", "dlq.replay"]);
  });

  it("keeps tenants apart: a member of B cannot list, read, replay or resolve A's dead letters", async () => {
    const outsider = viewerOf(tenantIds[other]!, "ops");
    const anyId = (await listDlq(viewerOf(tenantIds[tenant]!, "ops"), tenant, { state: "all" })).items[0]!.id;
    await expect(listDlq(outsider, tenant, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getDlqMessage(outsider, context, tenant, anyId, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getDlqMessage(outsider, context, other, anyId, {})).rejects.toMatchObject({ code: "NOT_FOUND" }); // A's id through B
    await expect(
      replayDlq(outsider, context, tenant, { selection: { ids: [anyId] }, dryRun: true }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      resolveDlq(outsider, context, tenant, { selection: { ids: [anyId] }, action: "discard", reason: "not mine" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // B's own replay by A's ids finds nothing of A.
    await expect(replayDlq(outsider, context, other, { selection: { ids: [anyId] } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    // A viewer in A sees retries but not dead letters.
    await expect(listDlq(viewerOf(tenantIds[tenant]!, "viewer"), tenant, {})).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(
      (await listDlq(viewerOf(tenantIds[tenant]!, "viewer"), tenant, { kind: "retry" })).items.length,
    ).toBeGreaterThan(0);
  });

  it("resolves with a reason: hidden from the default view, kept in the index", async () => {
    const ops = viewerOf(tenantIds[tenant]!, "ops");
    const all = (await listDlq(ops, tenant, { state: "all" })).items;
    await expect(
      resolveDlq(ops, context, tenant, { selection: { ids: [all[0]!.id] }, action: "resolve", reason: "" }),
    ).rejects.toThrow(/reason/);
    expect(
      await resolveDlq(ops, context, tenant, {
        selection: { ids: [all[0]!.id] },
        action: "resolve",
        reason: "fixed upstream",
      }),
    ).toEqual({ resolved: 1 });
    const resolved = (await listDlq(ops, tenant, { state: "resolved" })).items;
    expect(resolved.map((r) => r.id)).toEqual([all[0]!.id]);
  });
});
