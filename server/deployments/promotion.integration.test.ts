/**
 * Promotion between environments on the real database: what a tenant runs in staging promoted to a
 * protected production as one action — a revision per stage that differs, each waiting for an
 * admin other than the promoter, one audit event — and refused whole (nothing written) while a
 * stage has not settled in staging, or for a viewer without deploy.create in the tenant.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS } from "@/server/auth/permissions";
import { disconnectPrisma, getPrisma } from "@/server/db/client";
import { STAGES } from "@/lib/contract/topics";
import { testTenant } from "../../pipeline/shared/testing";
import { promoteTarget } from "./promotion";
import { approveDeployment } from "./service";

const tenant = testTenant("it-promote");
const staging = `it-stg-${randomUUID().slice(0, 8)}`;
const production = `it-prd-${randomUUID().slice(0, 8)}`;
const context = { requestId: "it-promotion", sourceAddress: "127.0.0.1" };
const viewer = (email: string, tenantAccess: Viewer["tenantAccess"] = new Map()): Viewer => ({
  id: randomUUID(),
  email,
  name: email,
  globalRole: tenantAccess.size ? null : "admin",
  globalPermissions: new Set(tenantAccess.size ? [] : DEFAULT_GRANTS.admin),
  tenantAccess,
});
const admin = viewer("admin@it.test");
let ops: Viewer;
let product: Viewer;

async function deploy(environmentId: string, stage: string, revision: number, over: Record<string, unknown> = {}) {
  await getPrisma().deployment.create({
    data: {
      environmentId,
      tenant,
      stage,
      revision,
      action: "deploy",
      version: "2.1.0",
      config: { CONSUMER_CONCURRENCY: "4" },
      replicas: 2,
      state: "SUCCEEDED",
      reason: "seeded",
      requestedBy: "seed@it.test",
      ...over,
    },
  });
}

beforeAll(async () => {
  const db = getPrisma();
  await db.environment.createMany({
    data: [
      { id: staging, name: "IT staging", driver: "local" },
      { id: production, name: "IT production", driver: "local", protected: true },
    ],
  });
  const row = await db.tenant.create({ data: { slug: tenant, name: "IT promote", status: "ACTIVE" } });
  const access = (role: "ops" | "product") =>
    new Map([[row.id, { slug: tenant, role, permissions: new Set(DEFAULT_GRANTS[role]) }]]) as Viewer["tenantAccess"];
  ops = viewer("ops@it.test", access("ops"));
  product = viewer("product@it.test", access("product"));
  for (const stage of STAGES) await deploy(staging, stage, 1);
  // production runs an older version of the update-processor with more replicas
  await deploy(production, "update-processor", 1, { version: "2.0.0", replicas: 5 });
});

afterAll(async () => {
  const db = getPrisma();
  await db.deployment.deleteMany({ where: { tenant } });
  await db.environment.deleteMany({ where: { id: { in: [staging, production] } } });
  await disconnectPrisma();
});

const productionRows = () =>
  getPrisma().deployment.findMany({
    where: { environmentId: production, tenant },
    orderBy: [{ stage: "asc" }, { revision: "asc" }],
  });

describe("promotion", () => {
  it("is refused whole while a stage is still rolling out in staging, and for a viewer without deploy.create", async () => {
    await deploy(staging, "retry-processor", 2, { state: "ROLLING_OUT", version: "2.2.0" });
    const body = { target: tenant, from: staging, to: production, reason: "release 2.2" };
    await expect(promoteTarget(ops, context, body)).rejects.toMatchObject({
      code: "CONFLICT",
      message: `${staging}'s retry-processor revision 2 is ROLLING_OUT: promote only what succeeded`,
    });
    await expect(promoteTarget(product, context, body)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(promoteTarget(ops, context, { ...body, to: staging })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect((await productionRows()).map((d) => d.revision)).toEqual([1]);
    await getPrisma().deployment.updateMany({
      where: { environmentId: staging, tenant, stage: "retry-processor", revision: 2 },
      data: { state: "SUCCEEDED" },
    });
  });

  it("is refused to a viewer limited to other environments, whatever their role", async () => {
    const stagingOnly = { ...ops, environments: new Set([staging]) };
    await expect(
      promoteTarget(stagingOnly, context, { target: tenant, from: staging, to: production, reason: "release 2.2" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: `You may change deployments only in ${staging}, not in ${production}`,
    });
    expect((await productionRows()).map((d) => d.revision)).toEqual([1]);
  });

  it("appends a revision per stage in production, waiting for another admin, with one audit event", async () => {
    const result = await promoteTarget(ops, context, {
      target: tenant,
      from: staging,
      to: production,
      reason: "release 2.2",
    });
    expect(result.approval).toBe("required");
    const rows = await productionRows();
    expect(rows.map((d) => [d.stage, d.revision, d.action, d.version, d.replicas, d.state])).toEqual([
      ["cdc-processor", 1, "promote", "2.1.0", 2, "PENDING_APPROVAL"],
      ["retry-processor", 1, "promote", "2.2.0", 2, "PENDING_APPROVAL"],
      ["update-processor", 1, "deploy", "2.0.0", 5, "SUCCEEDED"],
      ["update-processor", 2, "promote", "2.1.0", 5, "PENDING_APPROVAL"],
    ]);
    expect(rows.find((d) => d.stage === "retry-processor")!.reason).toBe(
      `promoted from ${staging} revision 2: release 2.2`,
    );
    const audits = await getPrisma().auditEvent.findMany({
      where: { target: `deployment:${production}/${tenant}` },
    });
    expect(audits.map((a) => [a.action, a.actorEmail])).toEqual([["deployment.promote", "ops@it.test"]]);

    // the promoter cannot approve it; another admin can, one revision at a time
    const pending = rows.filter((d) => d.state === "PENDING_APPROVAL");
    for (const d of pending) {
      await expect(approveDeployment({ ...admin, id: ops.id }, context, d.id)).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      expect((await approveDeployment(admin, context, d.id)).deployment.state).toBe("QUEUED");
    }
  });

  it("refuses a second promotion while the first is in flight, and one that changes nothing", async () => {
    const body = { target: tenant, from: staging, to: production, reason: "again" };
    await expect(promoteTarget(ops, context, body)).rejects.toMatchObject({ code: "CONFLICT" });
    await getPrisma().deployment.updateMany({
      where: { environmentId: production, tenant, state: "QUEUED" },
      data: { state: "SUCCEEDED" },
    });
    await expect(promoteTarget(ops, context, body)).rejects.toMatchObject({
      code: "CONFLICT",
      message: `${production} already runs what ${staging} runs for ${tenant}`,
    });
  });
});
