/**
 * Alert rules against real Postgres and a real HTTP receiver on loopback: a lag rule waits its
 * duration, fires once, resolves when lag clears; a DLQ-growth rule fires from DLQ end offsets;
 * webhook notifications are delivered, retried after a failing answer, and signed; switching a
 * firing rule off resolves it; a viewer of another tenant neither sees nor changes the rule.
 * The loopback receiver is reachable only because SYNCDECK_WEBHOOK_ALLOW lists 127.0.0.1; without
 * it a loopback webhook is refused when the rule is saved and when a notification is sent.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS } from "@/server/auth/permissions";
import { getPrisma } from "@/server/db/client";
import { LIVE_STATUSES } from "@/server/tenants/lifecycle";
import type { GroupLag } from "@/server/lag/evaluate-snapshot";
import { withThrowawayDatabase } from "@/test/integration/throwaway-database";
import { evaluateAlerts, newAlertMemory } from "./evaluate-alerts";
import { listAlerts } from "./list-alerts";
import { listManageableAlertTenants } from "./manageable-tenants";
import { createRule, updateRule } from "./manage-rules";
import { deliverDue, signature } from "./webhook-delivery";

const context = { requestId: "it-alerts", sourceAddress: "127.0.0.1" };
const ops: Viewer = {
  id: randomUUID(),
  email: "ops@example.test",
  name: "Ops",
  globalRole: "ops",
  globalPermissions: new Set(DEFAULT_GRANTS.ops),
  tenantAccess: new Map(),
};
const MIN = 60_000;

type Received = {
  body: { status: string; text: string; event: { id: string } };
  signature: string | undefined;
  host: string | undefined;
};
const received: Received[] = [];
let failNext = 0;
let receiver: http.Server;
let hookUrl = "";
let tenantIds: Record<string, string> = {};
const allowBefore = process.env.SYNCDECK_WEBHOOK_ALLOW;

withThrowawayDatabase("it_alerts", { demo: true });

beforeAll(async () => {
  process.env.SYNCDECK_WEBHOOK_ALLOW = "127.0.0.1";
  tenantIds = Object.fromEntries((await getPrisma().tenant.findMany()).map((t) => [t.slug, t.id]));
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(503).end();
        return;
      }
      received.push({
        body: JSON.parse(body) as Received["body"],
        signature: req.headers["x-syncdeck-signature"] as string | undefined,
        host: req.headers.host,
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  if (allowBefore === undefined) delete process.env.SYNCDECK_WEBHOOK_ALLOW;
  else process.env.SYNCDECK_WEBHOOK_ALLOW = allowBefore;
  await new Promise((resolve) => receiver?.close(resolve));
});

const group = (tenant: string, stage: string, lagSeconds: number, status: GroupLag["status"] = "OK"): GroupLag => ({
  groupId: `sync.${tenant}.${stage}`,
  state: "Stable",
  members: 1,
  lag: Math.round(lagSeconds * 10),
  lagSeconds,
  consumePerSecond: 10,
  drain: null,
  status,
  reason: `lag ${lagSeconds} s`,
  topics: [],
});
const noOffsets = new Map<string, Map<number, number>>();

describe("alerts", () => {
  it("fires a lag rule after its duration, once, notifies the webhook (after a failed try), and resolves", async () => {
    const db = getPrisma();
    const memory = newAlertMemory();
    const rule = await createRule(ops, context, {
      tenant: "acme-health",
      kind: "lag_seconds",
      name: "Update lag",
      stage: "update-processor",
      threshold: 60,
      forMinutes: 2,
      webhookUrl: hookUrl,
    });
    const t0 = Date.now();
    const sample = (atMs: number, lag: number) =>
      evaluateAlerts(db, memory, {
        atMs,
        groups: [group("acme-health", "update-processor", lag), group("acme-health", "cdc-processor", 500)],
        endOffsets: noOffsets,
      });

    expect(await sample(t0, 90)).toEqual({ fired: 0, resolved: 0 });
    expect(await sample(t0 + MIN, 120)).toEqual({ fired: 0, resolved: 0 });
    expect(await sample(t0 + 2 * MIN, 150)).toEqual({ fired: 1, resolved: 0 });
    expect(await sample(t0 + 3 * MIN, 170)).toEqual({ fired: 0, resolved: 0 });

    let view = await listAlerts(ops, { tenant: "acme-health" });
    expect(view.firing).toBe(1);
    expect(view).toMatchObject({ page: 1, pageSize: 50, total: 1, firingRuleIds: [rule.id] });
    expect(await listAlerts(ops, { tenant: "acme-health", page: "2", limit: "1" })).toMatchObject({
      events: [],
      page: 2,
      pageSize: 1,
      total: 1,
      firing: 1,
    });
    await expect(listAlerts(ops, { before: "5", page: "2" })).rejects.toThrow(/use either before \(keyset\) or page/);
    expect(view.events[0]).toMatchObject({
      ruleName: "Update lag",
      resolvedAt: null,
      value: 150,
      summary: "update-processor lag 150 s (threshold 60 s)",
    });

    failNext = 1;
    expect(await deliverDue(db, { secret: "hook-secret" })).toEqual({ delivered: 0, failed: 1 });
    const pending = await db.alertDelivery.findFirstOrThrow({ where: { event: { ruleId: rule.id } } });
    expect(pending).toMatchObject({ attempts: 1, lastError: "HTTP 503", deliveredAt: null });
    expect(await deliverDue(db, { now: new Date(Date.now() + 10_000), secret: "hook-secret" })).toEqual({
      delivered: 1,
      failed: 0,
    });
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toMatchObject({
      status: "firing",
      text: "FIRING acme-health: Update lag: update-processor lag 150 s (threshold 60 s)",
    });
    expect(received[0]!.signature).toBe(signature(JSON.stringify(received[0]!.body), "hook-secret"));

    expect(await sample(t0 + 4 * MIN, 20)).toEqual({ fired: 0, resolved: 1 });
    await deliverDue(db, { now: new Date(Date.now() + 60_000) });
    expect(received.map((r) => r.body.status)).toEqual(["firing", "resolved"]);
    view = await listAlerts(ops, { tenant: "acme-health", state: "resolved" });
    expect(view.firing).toBe(0);
    expect(view.events[0]!.resolvedAt).not.toBeNull();
    expect(view.events[0]!.delivery).toMatchObject({ transition: "resolved", attempts: 1, lastError: null });
  });

  it("fires a DLQ-growth rule from the DLQ's end offsets, in the snapshot or read when it is not", async () => {
    const db = getPrisma();
    const memory = newAlertMemory();
    await createRule(ops, context, {
      tenant: "globex-care",
      kind: "dlq_growth",
      name: "DLQ growing",
      threshold: 5,
      forMinutes: 10,
    });
    const dlq = (ends: number[]) => new Map([["sync.globex-care.dlq", new Map(ends.map((end, p) => [p, end]))]]);
    const t0 = Date.now();
    expect(await evaluateAlerts(db, memory, { atMs: t0, groups: [], endOffsets: dlq([3, 4]) })).toEqual({
      fired: 0,
      resolved: 0,
    });
    expect(await evaluateAlerts(db, memory, { atMs: t0 + MIN, groups: [], endOffsets: dlq([5, 6]) })).toEqual({
      fired: 0,
      resolved: 0,
    });
    // No group commits on a DLQ, so the sampler's snapshot may lack it: the evaluator reads it itself.
    const readEndOffsets = async (topic: string) => dlq([7, 6]).get(topic) ?? null;
    expect(
      await evaluateAlerts(db, memory, { atMs: t0 + 2 * MIN, groups: [], endOffsets: noOffsets }, { readEndOffsets }),
    ).toEqual({ fired: 1, resolved: 0 });
    const [event] = (await listAlerts(ops, { tenant: "globex-care" })).events;
    expect(event!.summary).toBe("6 messages reached the DLQ in 10 min (threshold 5)");
  });

  it("resolves a firing rule that is switched off, audited", async () => {
    const db = getPrisma();
    const rule = await createRule(ops, context, {
      tenant: "northwind-rx",
      kind: "status",
      name: "Stopped",
      statuses: ["STOP", "ERR"],
    });
    await evaluateAlerts(db, newAlertMemory(), {
      atMs: Date.now(),
      groups: [group("northwind-rx", "cdc-processor", 30, "STOP")],
      endOffsets: noOffsets,
    });
    expect((await listAlerts(ops, { tenant: "northwind-rx" })).firing).toBe(1);
    await updateRule(ops, context, rule.id, { enabled: false });
    expect((await listAlerts(ops, { tenant: "northwind-rx" })).firing).toBe(0);
    const audit = await db.auditEvent.findMany({ where: { target: `alert-rule:${rule.id}` }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["alert_rule.create", "alert_rule.disable"]);
    expect(audit[0]!.tenantId).toBe(tenantIds["northwind-rx"]);
  });

  it("keeps each tenant's rules to those who may see that tenant", async () => {
    const viewerOfAcme: Viewer = {
      id: randomUUID(),
      email: "v@example.test",
      name: "V",
      globalRole: null,
      globalPermissions: new Set(),
      tenantAccess: new Map([[tenantIds["acme-health"]!, { role: "ops", permissions: new Set(DEFAULT_GRANTS.ops) }]]),
    };
    const view = await listAlerts(viewerOfAcme, {});
    expect(new Set(view.rules.map((r) => r.tenant))).toEqual(new Set(["acme-health"]));
    expect(new Set(view.events.map((e) => e.tenant))).toEqual(new Set(["acme-health"]));
    const globexRule = (await listAlerts(ops, { tenant: "globex-care" })).rules[0]!;
    await expect(updateRule(viewerOfAcme, context, globexRule.id, { threshold: 1 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      createRule(viewerOfAcme, context, { tenant: "globex-care", kind: "lag_seconds", name: "x" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const product: Viewer = {
      ...viewerOfAcme,
      tenantAccess: new Map([
        [tenantIds["acme-health"]!, { role: "product", permissions: new Set(DEFAULT_GRANTS.product) }],
      ]),
    };
    await expect(
      createRule(product, context, { tenant: "acme-health", kind: "lag_seconds", name: "x" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(view.rules.find((r) => r.webhookUrl)?.webhookUrl).toBe(hookUrl);
    expect((await listAlerts(product, {})).rules.find((r) => r.webhookHost)?.webhookUrl).toBeNull();
  });

  it("offers new rules only in live tenants where the viewer manages alerts and reads lag", async () => {
    const live = (
      await getPrisma().tenant.findMany({ where: { status: { in: [...LIVE_STATUSES] } }, orderBy: { slug: "asc" } })
    ).map((t) => t.slug);
    expect(live).toContain("acme-health");
    expect(await listManageableAlertTenants(ops)).toEqual(live);
    const member = (role: "ops" | "product"): Viewer => ({
      id: randomUUID(),
      email: `${role}@example.test`,
      name: role,
      globalRole: null,
      globalPermissions: new Set(),
      tenantAccess: new Map([[tenantIds["acme-health"]!, { role, permissions: new Set(DEFAULT_GRANTS[role]) }]]),
    });
    expect(await listManageableAlertTenants(member("ops"))).toEqual(["acme-health"]);
    expect(await listManageableAlertTenants(member("product"))).toEqual([]);
    await expect(listManageableAlertTenants({ ...member("ops"), tenantAccess: new Map() })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("refuses a loopback webhook that the allow list does not name, when saved and when sent", async () => {
    const db = getPrisma();
    process.env.SYNCDECK_WEBHOOK_ALLOW = "";
    try {
      const input = { tenant: "acme-health", kind: "lag_seconds", name: "Loopback hook", threshold: 1 };
      await expect(createRule(ops, context, { ...input, webhookUrl: hookUrl })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining("127.0.0.1 is a loopback address") as string,
      });
      await expect(
        createRule(ops, context, { ...input, webhookUrl: "http://169.254.169.254/latest/meta-data" }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
      await expect(createRule(ops, context, { ...input, webhookUrl: "http://[::1]:9/hook" })).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
      const rule = await createRule(ops, context, input);
      await expect(
        updateRule(ops, context, rule.id, { webhookUrl: `http://localhost:${new URL(hookUrl).port}/hook` }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });

      // A rule saved while loopback was allowed: its next notification is refused, not sent.
      const before = received.length;
      await db.alertRule.update({ where: { id: rule.id }, data: { webhookUrl: hookUrl } });
      await evaluateAlerts(db, newAlertMemory(), {
        atMs: Date.now(),
        groups: [group("acme-health", "update-processor", 30)],
        endOffsets: noOffsets,
      });
      await deliverDue(db, { now: new Date(Date.now() + 3_600_000) });
      const delivery = await db.alertDelivery.findFirstOrThrow({ where: { event: { ruleId: rule.id } } });
      expect(delivery).toMatchObject({
        deliveredAt: null,
        attempts: 1,
        lastError: expect.stringMatching(/^refused: 127\.0\.0\.1 is a loopback address/) as string,
      });
      expect(received).toHaveLength(before);
    } finally {
      process.env.SYNCDECK_WEBHOOK_ALLOW = "127.0.0.1";
    }
  });

  it("sends to an allow-listed host name at its checked address, with the URL's own Host header", async () => {
    const db = getPrisma();
    const port = new URL(hookUrl).port;
    process.env.SYNCDECK_WEBHOOK_ALLOW = "localhost";
    try {
      const rule = await createRule(ops, context, {
        tenant: "globex-care",
        kind: "status",
        name: "Named host",
        statuses: ["ERR"],
        webhookUrl: `http://localhost:${port}/hook`,
      });
      await evaluateAlerts(db, newAlertMemory(), {
        atMs: Date.now(),
        groups: [group("globex-care", "retry-processor", 5, "ERR")],
        endOffsets: noOffsets,
      });
      const before = received.length;
      await deliverDue(db, { now: new Date(Date.now() + 7_200_000) });
      // localhost may resolve to ::1 first; the receiver listens on 127.0.0.1 only, which is also checked.
      expect(await db.alertDelivery.findFirstOrThrow({ where: { event: { ruleId: rule.id } } })).toMatchObject({
        lastError: null,
      });
      expect(received.slice(before).map((r) => r.host)).toEqual([`localhost:${port}`]);
    } finally {
      process.env.SYNCDECK_WEBHOOK_ALLOW = "127.0.0.1";
    }
  });
  it("judges a tenant's rules by the samples of its environment's Kafka cluster only", async () => {
    const db = getPrisma();
    const memory = newAlertMemory();
    await db.kafkaCluster.create({ data: { id: "it-staging", name: "Staging", brokers: ["127.0.0.1:1"] } });
    await db.environment.create({
      data: { id: "it-staging", name: "Staging", driver: "local", kafkaClusterId: "it-staging" },
    });
    await db.tenant.update({ where: { slug: "northwind-rx" }, data: { environmentId: "it-staging" } });
    await createRule(ops, context, {
      tenant: "northwind-rx",
      kind: "lag_seconds",
      name: "Staging lag",
      stage: "update-processor",
      threshold: 60,
      forMinutes: 0,
    });
    const t0 = Date.now();
    const lagging = [group("northwind-rx", "update-processor", 600)];
    // the default cluster's groups of that name are not its pipeline: nothing fires from them
    expect(await evaluateAlerts(db, memory, { atMs: t0, groups: lagging, endOffsets: noOffsets })).toEqual({
      fired: 0,
      resolved: 0,
    });
    expect(
      await evaluateAlerts(db, memory, {
        atMs: t0 + MIN,
        groups: lagging,
        endOffsets: noOffsets,
        cluster: "it-staging",
      }),
    ).toEqual({ fired: 1, resolved: 0 });
    await db.tenant.update({ where: { slug: "northwind-rx" }, data: { environmentId: null } });
  });
});
