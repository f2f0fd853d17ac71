/**
 * The console's database login (a member of syncdeck_app, as on the local stack and in the demo)
 * against real Postgres: it may insert and read audit records but neither update, delete nor
 * truncate them — refused by privilege (42501), before any trigger runs — and it cannot change
 * the schema. What the runtime does still works under it: audited changes, the event trail's
 * partition upkeep, sequences.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS } from "@/server/auth/permissions";
import { createRule, updateRule } from "@/server/alerts/manage-rules";
import { recordSignIn } from "@/server/audit/record-sign-in";
import { verifyCredentials } from "@/server/auth/credentials";
import { DEMO_USERS } from "@/server/auth/demo-users";
import { disconnectPrisma, getPrisma } from "@/server/db/client";
import { withThrowawayDatabase } from "@/test/integration/throwaway-database";
import { APP_LOGIN, ensureAppLogin } from "@/scripts/stack/app-role";

const context = { requestId: `it-app-role-${randomUUID().slice(0, 8)}`, sourceAddress: "127.0.0.1" };
const ops: Viewer = {
  id: randomUUID(),
  email: "ops@example.test",
  name: "Ops",
  globalRole: "ops",
  globalPermissions: new Set(DEFAULT_GRANTS.ops),
  tenantAccess: new Map(),
};
let ownerUrl = "";
let app: pg.Client;

withThrowawayDatabase("it_app_role", { demo: true });

beforeAll(async () => {
  ownerUrl = process.env.DATABASE_URL!;
  const appUrl = await ensureAppLogin(ownerUrl);
  expect(new URL(appUrl).username).toBe(APP_LOGIN);
  app = new pg.Client({ connectionString: appUrl });
  await app.connect();
  // The console's own data layer runs as the app login from here on.
  await disconnectPrisma();
  process.env.DATABASE_URL = appUrl;
});

afterAll(async () => {
  await app?.end();
  await disconnectPrisma();
  process.env.DATABASE_URL = ownerUrl;
});

const failure = (sql: string) =>
  app.query(sql).then(
    () => null,
    (error: { code?: string; message: string }) => ({ code: error.code, message: error.message }),
  );

describe("the console's database login", () => {
  it("appends and reads audit records but cannot rewrite them", async () => {
    await app.query(
      `INSERT INTO audit_events (actor_email, actor_role, action, target, request_id, source_address) VALUES ('ops@example.test', 'ops', 'it.append', 'it', $1, '127.0.0.1')`,
      [context.requestId],
    );
    const { rows } = await app.query("SELECT count(*)::int AS n FROM audit_events WHERE request_id = $1", [
      context.requestId,
    ]);
    expect(rows[0].n).toBe(1);

    for (const sql of [
      "UPDATE audit_events SET action = 'it.rewritten'",
      "DELETE FROM audit_events",
      "TRUNCATE audit_events",
    ]) {
      expect(await failure(sql)).toEqual({ code: "42501", message: "permission denied for table audit_events" });
    }
  });

  it("cannot change the schema nor the migration history, which it may read (for /api/readyz)", async () => {
    expect(await failure("CREATE TABLE it_app_table (id int)")).toMatchObject({ code: "42501" });
    expect(await failure("ALTER TABLE audit_events DISABLE TRIGGER USER")).toMatchObject({ code: "42501" });
    expect(await failure("DROP TABLE dlq_messages")).toMatchObject({ code: "42501" });
    expect(await failure("DELETE FROM _prisma_migrations")).toMatchObject({ code: "42501" });
    expect(await failure("UPDATE _prisma_migrations SET logs = 'x'")).toMatchObject({ code: "42501" });
    expect(
      (
        await app.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL",
        )
      ).rows[0]!.n,
    ).toBeGreaterThan(10);
  });

  it("keeps the event trail's day partitions, which only their owner may create and drop", async () => {
    const { rows } = await app.query<{ dropped: number }>("SELECT event_trail_maintain(7, 2) AS dropped");
    expect(rows[0]!.dropped).toBe(0);
    const today = new Date().toISOString().slice(0, 10).replaceAll("-", "");
    const { rows: parts } = await app.query("SELECT count(*)::int AS n FROM pg_class WHERE relname = $1", [
      `event_trail_p${today}`,
    ]);
    expect(parts[0].n).toBe(1);
  });

  it("runs audited changes of the console", async () => {
    const rule = await createRule(ops, context, {
      tenant: "acme-health",
      kind: "lag_seconds",
      name: "As the app login",
      threshold: 30,
    });
    await updateRule(ops, context, rule.id, { enabled: false });
    const audit = await getPrisma().auditEvent.findMany({
      where: { target: `alert-rule:${rule.id}` },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["alert_rule.create", "alert_rule.disable"]);
    const { rows } = await app.query("SELECT current_user AS who");
    expect(rows[0].who).toBe(APP_LOGIN);
  });

  it("signs a demo user in: attempts recorded, last sign-in updated, sign-in audited", async () => {
    const user = DEMO_USERS.find((u) => u.role === "viewer")!;
    const result = await verifyCredentials({ email: user.email, password: user.password }, "127.0.0.9");
    expect(result).toMatchObject({ ok: true });
    await recordSignIn(user.email, "credentials", "127.0.0.9");
    const db = getPrisma();
    expect(await db.loginAttempt.count({ where: { account: user.email, succeeded: true } })).toBe(1);
    expect(await db.auditEvent.count({ where: { actorEmail: user.email, action: "auth.sign_in" } })).toBe(1);
  });
});
