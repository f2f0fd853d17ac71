/**
 * A reconciliation run end to end on the integration Postgres: a tenant's managed source database
 * (pipeline/shared/source-schema.sql) and its target rows with planted differences — a member
 * missing from the target, one whose target version is behind, one only in the target, and a
 * missing claim — run by the worker in small id ranges. The run lists exactly those ids, reaches
 * 100 %, fires the drift alert; re-syncing one id touches it in the source; a run after the
 * target caught up is in sync and resolves the alert; the schedule queues runs on its own.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import type { RequestContext } from "@/server/audit/record-audit";
import { DEFAULT_GRANTS, type RoleName } from "@/server/auth/permissions";
import { disconnectPrisma, getPrisma } from "@/server/db/client";
import * as lookup from "@/server/lookup/lookup";
import { routeTenant } from "@/test/integration/route-tenant";
import { seed } from "../../prisma/seed";
import { testTenant, waitFor } from "../../pipeline/shared/testing";
import { databaseUrl, sourceDatabaseName } from "@/lib/source-db/source-db";
import * as service from "./service";
import type { ReconcileDifferenceJson } from "./view";
import { startReconcileWorker, type ReconcileWorker } from "@/server/workers/reconcile.worker";

// As the routes call them: the checks before the lookup, then the tenant with the route's permission.
const getReconcileOverview = async (viewer: Viewer, slug: string) =>
  service.getReconcileOverview(viewer, await routeTenant(viewer, slug, "tenant.read"));
const listReconcileDifferences = async (viewer: Viewer, slug: string, runId: string, input: unknown) =>
  service.listReconcileDifferences(await routeTenant(viewer, slug, "tenant.read"), runId, input);
const startReconcile = async (viewer: Viewer, slug: string, context: RequestContext) =>
  service.startReconcile(viewer, await routeTenant(viewer, slug, "tenant.read", service.assertMayReconcile), context);
const requestResync = async (
  viewer: Viewer,
  slug: string,
  memberId: string,
  readBody: () => Promise<unknown>,
  context: RequestContext,
) =>
  lookup.requestResync(
    viewer,
    await routeTenant(viewer, slug, "entity.read", (v) => lookup.assertMemberRequest(v, slug, memberId)),
    memberId,
    readBody,
    context,
  );

const targetUrl = process.env.DATABASE_URL!;
const slug = testTenant("it-rcn");
const context = { requestId: "it-reconcile", sourceAddress: "127.0.0.1" };
const log = (line: string) => console.log(`[reconcile it] ${line}`);
let admin: pg.Client;
let source: pg.Client;
let target: pg.Client;
let tenantId: string;
let worker: ReconcileWorker | undefined;
const users = {} as Record<"admin" | "product", Viewer>;

async function createUser(role: RoleName): Promise<Viewer> {
  const email = `${role}-${slug}@it.test`;
  const user = await getPrisma().user.create({ data: { email, name: email, passwordHash: "x", globalRoleName: role } });
  return {
    id: user.id,
    email,
    name: email,
    globalRole: role,
    globalPermissions: new Set(DEFAULT_GRANTS[role]),
    tenantAccess: new Map(),
  };
}

const MEMBERS = Array.from({ length: 25 }, (_, i) => `m-${String(i + 1).padStart(3, "0")}`);

beforeAll(async () => {
  await seed(getPrisma(), { demo: false });
  admin = new pg.Client({ connectionString: targetUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${sourceDatabaseName(slug)}`);
  source = new pg.Client({ connectionString: databaseUrl(targetUrl, sourceDatabaseName(slug)) });
  target = new pg.Client({ connectionString: targetUrl });
  await Promise.all([source.connect(), target.connect()]);
  await source.query(fs.readFileSync(path.resolve("pipeline/shared/source-schema.sql"), "utf8"));
  tenantId = (
    await getPrisma().tenant.create({
      data: { slug, name: slug, status: "ACTIVE", source: { kind: "managed" }, entities: ["members", "claims"] },
    })
  ).id;
  users.admin = await createUser("admin");
  users.product = await createUser("product");

  // source: 25 members (m-012 changed twice: version 3), 3 claims
  for (const id of MEMBERS)
    await source.query("INSERT INTO members (member_id, first_name, last_name) VALUES ($1, 'A', 'B')", [id]);
  await source.query("UPDATE members SET city = 'x' WHERE member_id = 'm-012'");
  await source.query("UPDATE members SET city = 'y' WHERE member_id = 'm-012'");
  for (const [claim, member] of [
    ["c-1", "m-001"],
    ["c-2", "m-002"],
    ["c-3", "m-020"],
  ]) {
    await source.query(
      "INSERT INTO claims (claim_id, member_id, ndc, drug_name, pharmacy_id, quantity, days_supply, amount_billed, amount_paid, status, fill_date) VALUES ($1, $2, '00093715301', 'X', 'P', 1, 1, 1, 1, 'PAID', '2026-11-20')",
      [claim, member],
    );
  }
  // target: m-007 missing, m-012 behind (version 1), m-900 only here, a tombstone of m-950 (not a difference), c-3 missing;
  // m-015 missing too, but it arrives while the run waits to read the differences again (a change in flight)
  for (const id of MEMBERS.filter((m) => m !== "m-007" && m !== "m-015")) await targetMember(id, 1);
  await targetMember("m-900", 1);
  await targetMember("m-950", 2, true);
  for (const [claim, member] of [
    ["c-1", "m-001"],
    ["c-2", "m-002"],
  ]) {
    await target.query(
      "INSERT INTO target_claims (tenant, claim_id, member_id, source_lsn, source_version, source_ts) VALUES ($1, $2, $3, 1, 1, now())",
      [slug, claim, member],
    );
  }
});

async function targetMember(id: string, version: number, deleted = false): Promise<void> {
  await target.query(
    "INSERT INTO target_members (tenant, member_id, source_lsn, source_version, source_ts, deleted) VALUES ($1, $2, $3, $4, now(), $5)",
    [slug, id, version, version, deleted],
  );
}

afterAll(async () => {
  await worker?.stop();
  await source?.end();
  await target?.query("DELETE FROM target_members WHERE tenant = $1", [slug]);
  await target?.query("DELETE FROM target_claims WHERE tenant = $1", [slug]);
  await target?.end();
  await admin?.query(`DROP DATABASE IF EXISTS ${sourceDatabaseName(slug)} WITH (FORCE)`);
  await admin?.end();
  await disconnectPrisma();
});

/** Polls the overview until the latest run finished; returns it and every percent seen on the way. */
async function finishedRun(runId: string) {
  const percents: number[] = [];
  const run = await waitFor(
    `run ${runId} to finish`,
    async () => {
      const latest = (await getReconcileOverview(users.admin, slug)).runs.find((r) => r.id === runId);
      if (latest) percents.push(latest.percent);
      return latest && ["succeeded", "failed"].includes(latest.status) ? latest : undefined;
    },
    60_000,
  );
  return { run, percents };
}

async function allDifferences(runId: string): Promise<ReconcileDifferenceJson[]> {
  const all: ReconcileDifferenceJson[] = [];
  let cursor: string | undefined;
  do {
    const page = await listReconcileDifferences(users.admin, slug, runId, {
      limit: "2",
      ...(cursor ? { cursor } : {}),
    });
    expect(page.differences.length).toBeLessThanOrEqual(2);
    all.push(...page.differences);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

describe("a reconciliation run", () => {
  it("refuses a role without reconcile.run", async () => {
    await expect(startReconcile(users.product, slug, context)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("lists the planted differences exactly (not a change in flight), reaches 100 % and fires the drift alert", async () => {
    const started = await startReconcile(users.admin, slug, context);
    expect(started).toMatchObject({ created: true, run: { status: "queued", percent: 0 } });
    // one open run per tenant: asking again returns the same run
    expect(await startReconcile(users.admin, slug, context)).toMatchObject({
      created: false,
      run: { id: started.run.id },
    });

    worker = startReconcileWorker({
      db: getPrisma(),
      env: { ...process.env, SYNCDECK_RECONCILE_EVERY_MINUTES: "0" },
      chunkSize: 4,
      pollMs: 100,
      staleMs: 5_000,
      confirmAfterMs: 3_000,
      log,
    });
    // the scan is done (100 %) and the run waits to read the differing ranges again: m-015 lands now
    const scanned = await waitFor(
      "the scan to finish",
      async () => {
        const latest = (await getReconcileOverview(users.admin, slug)).runs.find((r) => r.id === started.run.id);
        return latest?.status === "running" && latest.percent === 100 ? latest : undefined;
      },
      60_000,
    );
    // 100 % means every entity's ranges are done, not only the first entity's
    expect(Object.keys(scanned.entities).sort()).toEqual(["claims", "members"]);
    expect(Object.values(scanned.entities).every((e) => e.chunksDone === e.chunks)).toBe(true);
    expect(scanned.differences).toBe(5);
    await targetMember("m-015", 1);
    const { run, percents } = await finishedRun(started.run.id);

    expect(run).toMatchObject({ status: "succeeded", percent: 100, differences: 4, error: null });
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(run.entities.members).toMatchObject({
      chunks: 7,
      chunksDone: 7,
      sourceCount: 25,
      targetCount: 24,
      missing: 1,
      extra: 1,
      different: 1,
      settled: 1,
    });
    expect(run.entities.claims).toMatchObject({
      chunks: 1,
      chunksDone: 1,
      sourceCount: 3,
      targetCount: 2,
      missing: 1,
      extra: 0,
      different: 0,
    });
    expect(run.entities.members!.sourceChecksum).toMatch(/^[0-9a-f]{64}$/);
    expect(run.entities.members!.sourceChecksum).not.toBe(run.entities.members!.targetChecksum);

    expect(await allDifferences(run.id)).toEqual([
      {
        entity: "claims",
        entityId: "c-3",
        kind: "missing",
        memberId: "m-020",
        sourceVersion: "1",
        targetVersion: null,
      },
      {
        entity: "members",
        entityId: "m-007",
        kind: "missing",
        memberId: "m-007",
        sourceVersion: "1",
        targetVersion: null,
      },
      {
        entity: "members",
        entityId: "m-012",
        kind: "different",
        memberId: "m-012",
        sourceVersion: "3",
        targetVersion: "1",
      },
      {
        entity: "members",
        entityId: "m-900",
        kind: "extra",
        memberId: "m-900",
        sourceVersion: null,
        targetVersion: "1",
      },
    ]);
    const claimsOnly = await listReconcileDifferences(users.admin, slug, run.id, { entity: "claims" });
    expect(claimsOnly.differences.map((d) => d.entityId)).toEqual(["c-3"]);

    const alert = await getPrisma().alertEvent.findFirst({
      where: { tenantId, resolvedAt: null, rule: { kind: "reconcile_drift" } },
    });
    expect(alert).toMatchObject({ value: 4 });
    expect(alert!.summary).toContain("4 ids differing");

    const audit = await getPrisma().auditEvent.findMany({
      where: { tenantId, action: { startsWith: "reconcile." } },
      orderBy: { at: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["reconcile.start", "reconcile.succeeded"]);
  });

  it("re-syncs a differing id from the list: the source row is touched and the request audited", async () => {
    const [run] = (await getReconcileOverview(users.admin, slug)).runs;
    const behind = (await allDifferences(run!.id)).find((d) => d.kind === "different")!;
    const result = await requestResync(users.admin, slug, behind.memberId!, async () => ({ claimId: null }), context);
    expect(result.touched).toEqual(["member:m-012"]);
    expect((await source.query("SELECT version::text AS v FROM members WHERE member_id = 'm-012'")).rows[0].v).toBe(
      "4",
    );
    expect(
      await getPrisma().auditEvent.count({
        where: { tenantId, action: "entity.resync", target: `member:${slug}/m-012` },
      }),
    ).toBe(1);
  });

  it("is in sync once the target caught up, and resolves the drift alert", async () => {
    await target.query("UPDATE target_members SET source_version = 4 WHERE tenant = $1 AND member_id = 'm-012'", [
      slug,
    ]);
    await target.query("DELETE FROM target_members WHERE tenant = $1 AND member_id = 'm-900'", [slug]);
    await targetMember("m-007", 1);
    await target.query(
      "INSERT INTO target_claims (tenant, claim_id, member_id, source_lsn, source_version, source_ts) VALUES ($1, 'c-3', 'm-020', 1, 1, now())",
      [slug],
    );

    const started = await startReconcile(users.admin, slug, context);
    const { run } = await finishedRun(started.run.id);
    expect(run).toMatchObject({ status: "succeeded", percent: 100, differences: 0 });
    expect(run.entities.members!.sourceChecksum).toBe(run.entities.members!.targetChecksum);
    expect(run.entities.claims!.sourceChecksum).toBe(run.entities.claims!.targetChecksum);
    expect((await listReconcileDifferences(users.admin, slug, run.id, {})).differences).toEqual([]);
    expect(
      await getPrisma().alertEvent.count({ where: { tenantId, resolvedAt: null, rule: { kind: "reconcile_drift" } } }),
    ).toBe(0);
    expect(await getPrisma().alertEvent.count({ where: { tenantId, rule: { kind: "reconcile_drift" } } })).toBe(1);
  });

  it("queues a run per active tenant on the schedule once the last one is older than the period", async () => {
    await worker?.stop();
    await getPrisma().reconcileRun.updateMany({
      where: { tenantId },
      data: { createdAt: new Date(Date.now() - 2 * 60_000) },
    });
    worker = startReconcileWorker({
      db: getPrisma(),
      env: { ...process.env, SYNCDECK_RECONCILE_EVERY_MINUTES: "1" },
      chunkSize: 4,
      pollMs: 100,
      scheduleCheckMs: 200,
      log,
    });
    const scheduled = await waitFor(
      "a scheduled run",
      () =>
        getPrisma()
          .reconcileRun.findFirst({ where: { tenantId, requestedBy: "schedule", status: "succeeded" } })
          .then((r) => r ?? undefined),
      60_000,
    );
    expect(scheduled.differences).toBe(0);
    // within the period no second one is queued
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await getPrisma().reconcileRun.count({ where: { tenantId, requestedBy: "schedule" } })).toBe(1);
  });
});
