/**
 * Provisioning, step by step (DESIGN.md "Tenants"). Each step converges on its end state, so
 * running it again — after a crash, or on retry — changes nothing that is already right:
 * - source: the source database (managed: created) with its heartbeat table and publication;
 * - topics: the tenant's topics with the planned partitions and retention, plus the heartbeat topic;
 * - connector: the Debezium connector (PUT is idempotent), running;
 * - deployments: the three processors in the tenant's environment, healthy, or the tenant joins a pool
 *   (processors.ts);
 * - access: the requester's membership and the lag-SLO alert rule.
 */
import "server-only";
import { ensureTenantTopics, tenantTopicNames } from "@/lib/kafka/ensure-topics";
import { replicationFactorFromEnv } from "@/lib/kafka/ensure-topics";
import type { SourceTable } from "@/lib/contract/topics";
import { ensureCdcObjects, ensureSourceDatabase } from "@/lib/source-db/source-db";
import { buildConnectorConfig, connectorName, heartbeatTopic } from "@/lib/connect/connector-config";
import { putConnectorWithRetry } from "../../connect/register-connector";
import { retryRetriable } from "@/lib/kafka/client";
import { resolveSource } from "../source";
import { retentionMs, setTenantRetention } from "../tenant-topics";
import type { JobContext, StepRun } from "./context";
import { waitFor } from "./context";
import { deployProcessors } from "./processors";
import { ensureDriftRule } from "../../alerts/drift-rule";

export const SLO_RULE_NAME = "Lag above the tenant's SLO";
export const REQUESTER_ROLE = "viewer";

const entitiesOf = (ctx: JobContext) =>
  (ctx.tenant.entities.length ? ctx.tenant.entities : ["members", "claims"]) as SourceTable[];

const source: StepRun = async (ctx) => {
  const resolved = resolveSource(ctx.tenant.slug, ctx.tenant.source, ctx.env);
  if (resolved.serverUrl) {
    await ensureSourceDatabase(resolved.serverUrl, ctx.tenant.slug);
    return `database ready at ${resolved.display} with heartbeat table and publication`;
  }
  await ensureCdcObjects(resolved.target, ctx.tenant.slug, entitiesOf(ctx));
  return `heartbeat table and publication ready in ${resolved.display}`;
};

const topics: StepRun = async (ctx) => {
  const { slug, partitions, retentionHours } = ctx.tenant;
  const created = await ensureTenantTopics(ctx.admin, slug, partitions, ctx.env, {
    retentionMs: retentionMs(retentionHours),
  });
  const heartbeat = heartbeatTopic(slug);
  const existing = new Set(await retryRetriable(() => ctx.admin.listTopics()));
  if (!existing.has(heartbeat)) {
    await retryRetriable(() =>
      ctx.admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic: heartbeat, numPartitions: 1, replicationFactor: replicationFactorFromEnv(ctx.env) }],
      }),
    );
    created.push(heartbeat);
  }
  // topics made by an earlier run (or by hand) must match the plan: never fewer partitions, same retention
  const names = tenantTopicNames(slug, ctx.env);
  const metadata = await retryRetriable(() => ctx.admin.fetchTopicMetadata({ topics: names }));
  const short = metadata.topics.filter((t) => t.partitions.length < partitions);
  if (short.length)
    await retryRetriable(() =>
      ctx.admin.createPartitions({ topicPartitions: short.map((t) => ({ topic: t.name, count: partitions })) }),
    );
  await setTenantRetention(ctx.admin, slug, retentionHours);
  const existed = names.length + 1 - created.length;
  return `${created.length} topics created, ${existed} existed; ${partitions} partitions each (heartbeat 1), retention ${retentionHours} h${short.length ? `; ${short.length} grown to ${partitions} partitions` : ""}`;
};

const connector: StepRun = async (ctx) => {
  const { slug } = ctx.tenant;
  const resolved = resolveSource(slug, ctx.tenant.source, ctx.env);
  const name = connectorName(slug);
  const config = buildConnectorConfig(slug, resolved.connection, { tables: entitiesOf(ctx) });
  const { created } = await putConnectorWithRetry(ctx.connect, name, config);
  let last = "no status yet";
  await waitFor(
    ctx,
    ctx.timeouts.connectorMs,
    async () => {
      const status = await ctx.connect.getStatus(name).catch((error: unknown) => {
        last = error instanceof Error ? error.message : String(error);
        return undefined;
      });
      if (!status) return undefined;
      const failed = [status.connector, ...status.tasks].find((s) => s.state === "FAILED");
      if (failed) throw new Error(`connector ${name} FAILED: ${(failed.trace ?? "no trace").split("\n")[0]}`);
      last = `connector ${status.connector.state}, tasks ${status.tasks.map((t) => t.state).join(", ") || "none yet"}`;
      return status.connector.state === "RUNNING" &&
        status.tasks.length > 0 &&
        status.tasks.every((t) => t.state === "RUNNING")
        ? true
        : undefined;
    },
    () => `connector ${name} not running (${last})`,
  );
  return `connector ${name} ${created ? "registered" : "updated"} and RUNNING (tables ${entitiesOf(ctx).join(", ")})`;
};

const access: StepRun = async (ctx) => {
  const done: string[] = [];
  const tenantId = ctx.tenant.id;
  if (ctx.tenant.requestedById) {
    const requester = await ctx.db.user.findUnique({
      where: { id: ctx.tenant.requestedById },
      select: { email: true, globalRoleName: true },
    });
    if (requester && !requester.globalRoleName) {
      await ctx.db.membership.upsert({
        where: { userId_tenantId: { userId: ctx.tenant.requestedById, tenantId } },
        create: { userId: ctx.tenant.requestedById, tenantId, roleName: REQUESTER_ROLE },
        update: {},
      });
      done.push(`${requester.email} has access (${REQUESTER_ROLE}; an admin can change the role)`);
    } else if (requester) {
      done.push(`${requester.email} has access through a global role`);
    }
  }
  const rule = await ctx.db.alertRule.findFirst({ where: { tenantId, name: SLO_RULE_NAME } });
  if (!rule) {
    await ctx.db.alertRule.create({
      data: {
        tenantId,
        name: SLO_RULE_NAME,
        kind: "lag_seconds",
        threshold: ctx.tenant.lagSloSeconds,
        forMinutes: 5,
        createdBy: ctx.job.requestedBy,
      },
    });
  }
  done.push(`alert when lag exceeds ${ctx.tenant.lagSloSeconds} s for 5 min`);
  await ensureDriftRule(ctx.db, tenantId, ctx.job.requestedBy);
  done.push("alert when reconciliation finds drift");
  return done.join("; ");
};

export const PROVISION_STEPS: Record<string, StepRun> = {
  source,
  topics,
  connector,
  deployments: deployProcessors,
  access,
};
