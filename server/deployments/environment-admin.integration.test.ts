/**
 * Environments from the console's API functions: only a global environment.manage may add, change
 * or remove one; bad input is a 400 that says what is wrong and changes nothing; an environment
 * with deployment history stays; every change is audited as the viewer.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS } from "@/server/auth/permissions";
import { getPrisma } from "@/server/db/client";
import { withThrowawayDatabase } from "../../test/integration/throwaway-database";
import { checkAgentToken } from "./agent-token";
import { changeEnvironment, createEnvironment, deleteEnvironment, listEnvironmentsForAdmin } from "./environment-admin";

withThrowawayDatabase("it_env_admin", { demo: false });

const context = { requestId: "it-environments", sourceAddress: "127.0.0.1" };
const viewer = (role: "admin" | "ops"): Viewer => ({
  id: randomUUID(),
  email: `${role}@it.test`,
  name: role,
  globalRole: role,
  globalPermissions: new Set(DEFAULT_GRANTS[role]),
  tenantAccess: new Map(),
});
const admin = viewer("admin");
const ops = viewer("ops");

describe("environments through the API", () => {
  it("lets an admin add, protect and remove an environment, each audited", async () => {
    await createEnvironment(admin, context, { id: "staging", title: "Staging", driver: "local" });
    await changeEnvironment(admin, context, "staging", { protected: true, title: "Staging (EU)" });
    expect((await listEnvironmentsForAdmin(admin)).find((e) => e.id === "staging")).toMatchObject({
      title: "Staging (EU)",
      driver: "local",
      protected: true,
      deployments: 0,
    });
    await deleteEnvironment(admin, context, "staging");
    expect((await listEnvironmentsForAdmin(admin)).map((e) => e.id)).not.toContain("staging");
    const audit = await getPrisma().auditEvent.findMany({
      where: { target: "environment:staging" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.action, a.actorEmail])).toEqual([
      ["environment.create", "admin@it.test"],
      ["environment.update", "admin@it.test"],
      ["environment.remove", "admin@it.test"],
    ]);
    expect(audit[1]!.before).toMatchObject({ protected: false });
    expect(audit[1]!.after).toMatchObject({ protected: true, name: "Staging (EU)" });
  });

  it("answers the new environment's agent token once, keeps only its hash, and audits without it", async () => {
    const created = await createEnvironment(admin, context, { id: "edge", driver: "local" });
    expect(created.agentToken).toMatch(/^sdat_[A-Za-z0-9_-]{43}$/);
    const row = await getPrisma().environment.findUniqueOrThrow({ where: { id: "edge" } });
    expect(row.agentTokenHash).not.toContain(created.agentToken);
    expect(checkAgentToken("edge", row.agentTokenHash, created.agentToken)).toEqual({ ok: true });
    const listed = (await listEnvironmentsForAdmin(admin)).find((e) => e.id === "edge")!;
    expect(listed).toMatchObject({
      agentTokenSet: true,
      agentTokenCreatedAt: row.agentTokenCreatedAt!.toISOString(),
      agentConnectedAt: null,
      agentSeenAt: null,
    });
    expect(JSON.stringify(listed)).not.toContain("sdat_");
    expect(JSON.stringify(listed)).not.toContain(row.agentTokenHash!.slice(7));
    const audit = await getPrisma().auditEvent.findFirstOrThrow({
      where: { target: "environment:edge", action: "environment.create" },
    });
    expect(JSON.stringify(audit.after)).not.toMatch(/sdat_|sha256/);
  });

  it("refuses everyone without a global environment.manage, before reading the body", async () => {
    await expect(createEnvironment(ops, context, { id: "qa", driver: "local" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(listEnvironmentsForAdmin(ops)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(changeEnvironment(ops, context, "qa", {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteEnvironment(ops, context, "qa")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("says what is wrong with bad input and changes nothing", async () => {
    const before = await getPrisma().environment.count();
    const cases: Array<[unknown, RegExp]> = [
      [{ id: "QA", driver: "local" }, /id: an environment name is 2–40 characters/],
      [{ id: "qa", driver: "nomad" }, /unknown driver "nomad"; this build has: local/],
      [{ id: "qa", driver: "local", settings: { namespace: "x" } }, /driver local takes no setting namespace/],
      [{ id: "qa" }, /driver/],
      [null, /id/],
    ];
    for (const [body, message] of cases)
      await expect(createEnvironment(admin, context, body), JSON.stringify(body)).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(message),
      });
    await createEnvironment(admin, context, { id: "qa", driver: "local" });
    await expect(createEnvironment(admin, context, { id: "qa", driver: "local" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "environment qa exists already",
    });
    await expect(changeEnvironment(admin, context, "qa", {})).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/nothing to change/),
    });
    await expect(changeEnvironment(admin, context, "qa", { driver: "kubernetes" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(changeEnvironment(admin, context, "qa", { settings: { namespace: "x" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "driver local takes no setting namespace",
    });
    await expect(changeEnvironment(admin, context, "nope", { protected: true })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(deleteEnvironment(admin, context, "x\u0000")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getPrisma().environment.count()).toBe(before + 1);
  });

  it("keeps an environment that has deployment history", async () => {
    await createEnvironment(admin, context, { id: "production", driver: "local", protected: true });
    await getPrisma().deployment.create({
      data: {
        environmentId: "production",
        tenant: "acme",
        stage: "update-processor",
        revision: 1,
        action: "deploy",
        version: "v1",
        config: {},
        replicas: 1,
        state: "QUEUED",
        reason: "it",
        requestedBy: "admin@it.test",
      },
    });
    await expect(deleteEnvironment(admin, context, "production")).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/has 1 deployment revision\(s\)/),
    });
  });
});
