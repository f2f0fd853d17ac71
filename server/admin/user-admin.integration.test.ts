/**
 * User administration against real Postgres, in a throwaway database of the integration server:
 * the last-admin rule under concurrent demotions (the advisory lock), audit events written in the
 * same transaction as the change, and the append-only audit table.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS } from "@/server/auth/permissions";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { withThrowawayDatabase } from "@/test/integration/throwaway-database";
import { createUser } from "./create-user";
import { listUsers } from "./list-users";
import { updateUser } from "./update-user";

const context = { requestId: "it-users", sourceAddress: "127.0.0.1" };
const actor: Viewer = {
  id: randomUUID(),
  email: "it-admin@example.test",
  name: "IT Admin",
  globalRole: "admin",
  globalPermissions: new Set(DEFAULT_GRANTS.admin),
  tenantAccess: new Map(),
};

withThrowawayDatabase("it_users", { demo: false });

const admin = (email: string) =>
  createUser(actor, context, { email, name: email, password: "a-long-enough-password", globalRole: "admin" });

describe("user administration", () => {
  it("lets exactly one of two concurrent demotions of the last two admins through", async () => {
    const [a, b] = await Promise.all([admin("a@example.test"), admin("b@example.test")]);
    const results = await Promise.allSettled(
      [a, b].map(({ user }) => updateUser(actor, context, user.id, { globalRole: "viewer" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
    expect(refused.reason).toBeInstanceOf(AppError);
    expect((refused.reason as AppError).code).toBe("CONFLICT");
    expect(await getPrisma().user.count({ where: { globalRoleName: "admin", disabled: false } })).toBe(1);
  });

  it("records before and after with the change, and nothing for a refused change", async () => {
    const remaining = await getPrisma().user.findFirstOrThrow({ where: { globalRoleName: "admin", disabled: false } });
    const before = await getPrisma().auditEvent.count();
    await expect(updateUser(actor, context, remaining.id, { disabled: true })).rejects.toThrow(/last enabled admin/);
    expect(await getPrisma().auditEvent.count()).toBe(before);

    const { user } = await createUser(actor, context, { email: "c@example.test", name: "C" });
    await updateUser(actor, context, user.id, { globalRole: "ops", disabled: true });
    const event = await getPrisma().auditEvent.findFirstOrThrow({
      where: { action: "user.disable" },
      orderBy: { id: "desc" },
    });
    expect(event).toMatchObject({
      actorEmail: actor.email,
      target: "user:c@example.test",
      before: { globalRole: null, disabled: false },
      after: { globalRole: "ops", disabled: true },
      requestId: "it-users",
    });
  });

  it("limits a user's deployment changes to some environments, audited, and refuses an unknown one", async () => {
    await getPrisma().environment.create({ data: { id: "staging", name: "Staging", driver: "local" } });
    const { user } = await createUser(actor, context, { email: "ops-staging@example.test", name: "Ops" });
    await expect(updateUser(actor, context, user.id, { environments: ["staging", "nowhere"] })).rejects.toThrow(
      "environments: unknown environment nowhere",
    );
    const limited = await updateUser(actor, context, user.id, { globalRole: "ops", environments: ["staging"] });
    expect(limited.environments).toEqual(["staging"]);
    const event = await getPrisma().auditEvent.findFirstOrThrow({
      where: { action: "user.set_roles", target: "user:ops-staging@example.test" },
      orderBy: { id: "desc" },
    });
    expect(event).toMatchObject({ before: { environments: [] }, after: { environments: ["staging"] } });
    expect((await updateUser(actor, context, user.id, { environments: [] })).environments).toEqual([]);
  });

  it("refuses a duplicate email and an unknown tenant without writing anything", async () => {
    const before = await getPrisma().user.count();
    await expect(createUser(actor, context, { email: "c@example.test", name: "Again" })).rejects.toThrow(
      /already exists/,
    );
    await expect(
      createUser(actor, context, {
        email: "d@example.test",
        name: "D",
        memberships: [{ tenantId: randomUUID(), role: "viewer" }],
      }),
    ).rejects.toThrow(/unknown tenant/);
    expect(await getPrisma().user.count()).toBe(before);
  });

  it("cannot change or delete audit events", async () => {
    await expect(getPrisma().$executeRaw`UPDATE audit_events SET action = 'forged'`).rejects.toThrow();
    await expect(getPrisma().$executeRaw`DELETE FROM audit_events`).rejects.toThrow();
  });
  it("lists users a page at a time, with the total and every enabled admin's id", async () => {
    const all = await getPrisma().user.findMany({ orderBy: [{ email: "asc" }, { id: "asc" }] });
    expect(all.length).toBeGreaterThanOrEqual(3);
    const admins = all
      .filter((u) => u.globalRoleName === "admin" && !u.disabled)
      .map((u) => u.id)
      .sort();
    const first = await listUsers(actor, { page: "1", pageSize: "2" });
    expect(first).toMatchObject({ page: 1, pageSize: 2, total: all.length });
    expect(first.users.map((u) => u.email)).toEqual(all.slice(0, 2).map((u) => u.email));
    expect([...first.enabledAdminIds].sort()).toEqual(admins);
    const second = await listUsers(actor, { page: "2", pageSize: "2" });
    expect(second.users.map((u) => u.email)).toEqual(all.slice(2, 4).map((u) => u.email));
    expect(second.enabledAdminIds.sort()).toEqual(admins);
    await expect(listUsers(actor, { pageSize: "0" })).rejects.toThrow(/pageSize must be a whole number from 1 to 500/);
    await expect(listUsers(actor, { page: "x" })).rejects.toThrow(/page must be a whole number/);
  });
});
