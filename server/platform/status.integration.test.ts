/**
 * Platform status against the real broker and Postgres: a viewer limited to one tenant sees that
 * tenant's topics only (no broker count, no cluster id, no other tenant's topics), a platform-wide
 * viewer sees the cluster, and one round of probes serves every caller for a few seconds.
 */
import { randomUUID } from "node:crypto";
import { logLevel, type Admin } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS } from "@/server/auth/permissions";
import { getPrisma } from "@/server/db/client";
import { createKafka, disconnectSharedAdmin } from "@/lib/kafka/client";
import { withThrowawayDatabase } from "@/test/integration/throwaway-database";
import { forgetPlatformStatus, getPlatformStatus } from "./status";

const run = randomUUID().replaceAll("-", "").slice(0, 8);
const mine = `it-status-${run}`;
const theirs = `it-other-${run}`;
const topics = [
  `sync.${mine}.updates`,
  `sync.${mine}.dlq`,
  `sync.${theirs}.updates`,
  `sync.${theirs}.dlq`,
  `sync.${theirs}.retry.1m`,
];
let admin: Admin;
let tenantViewer: Viewer;
const ops: Viewer = {
  id: randomUUID(),
  email: "ops@example.test",
  name: "Ops",
  globalRole: "ops",
  globalPermissions: new Set(DEFAULT_GRANTS.ops),
  tenantAccess: new Map(),
};

withThrowawayDatabase("it_platform_status", { demo: false });

beforeAll(async () => {
  admin = createKafka({ ...process.env, KAFKA_CLIENT_ID: "syncdeck-it" }, { logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 1 })), waitForLeaders: true });
  const db = getPrisma();
  const tenant = await db.tenant.create({ data: { slug: mine, name: "Status tenant", status: "ACTIVE" } });
  await db.tenant.create({ data: { slug: theirs, name: "Other tenant", status: "ACTIVE" } });
  tenantViewer = {
    id: randomUUID(),
    email: "viewer@example.test",
    name: "Viewer",
    globalRole: null,
    globalPermissions: new Set(),
    tenantAccess: new Map([[tenant.id, { role: "viewer", permissions: new Set(DEFAULT_GRANTS.viewer) }]]),
  };
  forgetPlatformStatus();
});

afterAll(async () => {
  await admin?.deleteTopics({ topics }).catch(() => undefined);
  await admin?.disconnect();
  await disconnectSharedAdmin();
});

describe("platform status", () => {
  it("shows a tenant-scoped viewer only its tenant's topics", async () => {
    const status = await getPlatformStatus(tenantViewer);
    expect(status.kafka).toMatchObject({ state: "up", detail: "2 topics of your tenant" });
    const { clusters, ...rest } = status;
    expect(JSON.stringify(rest)).not.toMatch(/broker|cluster/);
    expect(clusters).toEqual([]);
    // Kafka Connect is not part of this harness: its error (with its address) stays platform-wide.
    expect(status.connect).toEqual({ state: "down", detail: "not reachable" });
  });

  it("shows a platform-wide viewer the whole cluster", async () => {
    const status = await getPlatformStatus(ops);
    const all = (await admin.listTopics()).filter((topic) => !topic.startsWith("__")).length;
    expect(all).toBeGreaterThanOrEqual(topics.length);
    expect(status.kafka).toMatchObject({
      state: "up",
      detail: expect.stringMatching(new RegExp(`^1 broker, ${all} topics, cluster `)) as string,
    });
    expect(status.connect).toMatchObject({ state: "down", detail: "KAFKA_CONNECT_URL is not set" });
    // every Kafka cluster the sampler knows, as it last found it
    await getPrisma().$executeRaw`
      INSERT INTO kafka_cluster_status (cluster_id, state, reason, since, attempted_at, duration_ms) VALUES ('it-other', 'down', 'connection refused', now(), now(), 5000)
      ON CONFLICT (cluster_id) DO UPDATE SET state = 'down', reason = 'connection refused'`;
    expect((await getPlatformStatus(ops)).clusters).toContainEqual(
      expect.objectContaining({ cluster: "it-other", state: "down", reason: "connection refused" }),
    );
  });

  it("answers every caller from one round of probes for a few seconds", async () => {
    const first = await getPlatformStatus(ops);
    const [again, scoped] = await Promise.all([getPlatformStatus(ops), getPlatformStatus(tenantViewer)]);
    expect(again.checkedAt).toBe(first.checkedAt);
    expect(scoped.checkedAt).toBe(first.checkedAt);
    forgetPlatformStatus();
    expect((await getPlatformStatus(ops)).checkedAt).not.toBe(first.checkedAt);
  });
});
