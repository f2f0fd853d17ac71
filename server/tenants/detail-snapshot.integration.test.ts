/**
 * The tenant detail is one snapshot against the real Postgres: a job that finishes after the route
 * resolved the tenant shows with the status it left. The page stops polling on a finished job, so a
 * finished job beside the status from before it would leave "Active" on screen after an offboard.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS } from "@/server/auth/permissions";
import { disconnectPrisma, getPrisma } from "@/server/db/client";
import { shouldPoll } from "@/components/tenants/detail-state";
import { routeTenant } from "@/test/integration/route-tenant";
import { seed } from "../../prisma/seed";
import { testTenant } from "../../pipeline/shared/testing";
import { initialSteps } from "./job-steps";
import { finishJob } from "./jobs/job-record";
import { getTenantDetail } from "./service";

const slug = testTenant("it-snap");
const owner = `it-worker-${randomUUID().slice(0, 6)}`;
let admin: Viewer;

beforeAll(async () => {
  const db = getPrisma();
  await seed(db, { demo: false });
  const email = `snapshot-${randomUUID().slice(0, 6)}@it.test`;
  const user = await db.user.create({ data: { email, name: email, passwordHash: "x", globalRoleName: "admin" } });
  admin = {
    id: user.id,
    email,
    name: email,
    globalRole: "admin",
    globalPermissions: new Set(DEFAULT_GRANTS.admin),
    tenantAccess: new Map(),
  };
  await db.tenant.create({ data: { slug, name: "Snapshot Health", status: "ACTIVE", requestedBy: email } });
});

afterAll(async () => {
  const db = getPrisma();
  await db.tenant.deleteMany({ where: { slug } });
  await disconnectPrisma();
});

it("shows a job that finished after the tenant was resolved with the status it left, so the page stops polling on the final status", async () => {
  const db = getPrisma();
  const resolved = await routeTenant(admin, slug, null);
  const job = await db.tenantJob.create({
    data: {
      tenantId: resolved.id,
      kind: "offboard",
      status: "running",
      steps: initialSteps("offboard"),
      requestedBy: admin.email,
      requestedById: admin.id,
      leaseOwner: owner,
      heartbeatAt: new Date(),
    },
  });
  const running = await getTenantDetail(admin, resolved);
  expect(running.tenant.status).toBe("ACTIVE");
  expect(running.jobs[0]).toMatchObject({ id: job.id, status: "running" });
  expect(shouldPoll(running)).toBe(true);

  // the worker finishes while the route still holds the row it resolved before
  const done = initialSteps("offboard").map((s) => ({ ...s, state: "done" as const }));
  await finishJob(db, { job, tenant: resolved, kind: "offboard", owner }, done, "succeeded", null);
  expect(resolved.status).toBe("ACTIVE");

  const finished = await getTenantDetail(admin, resolved);
  expect(finished.jobs[0]).toMatchObject({ id: job.id, status: "succeeded" });
  expect(finished.tenant.status).toBe("OFFBOARDED");
  expect(finished.can.offboard).toBe(false);
  expect(shouldPoll(finished)).toBe(false);
});
