import fs from "node:fs";
import path from "node:path";
import { Kafka, logLevel } from "kafkajs";
import pg from "pg";
import { DEMO_TENANTS } from "../../server/auth/demo-users";
import { DEMO_POOL, E2E_USER_PREFIX } from "../fixtures";

/**
 * What the API could change, read straight from the stack's Postgres and Kafka (found through the
 * data folder playwright.config.ts hands down). Other specs run beside the fuzz, and the demo
 * pipeline and workers keep writing, so this covers what neither touches: the demo tenants' rows
 * (without timestamps the workers move), the demo users and their memberships, roles, environments
 * (but those the browser tests create, named e2e-…),
 * the quiet tenant's alert rules, deployments, resolved dead letters and replay jobs, and the demo
 * tenants' topics with their retention.
 */
const DEMO_SLUGS = DEMO_TENANTS.map((t) => t.slug);
/** No other spec changes this tenant's rules, deployments or dead letters. */
export const QUIET_TENANT = "acme-health";
/** The quiet tenant's processors run in the demo pool, whose update-processor deployments.spec scales. */
export const isQuietDeployment = (d: { tenant: string; stage: string }) =>
  d.tenant === QUIET_TENANT || (d.tenant === DEMO_POOL && d.stage !== "update-processor");

function dataDir(): string {
  const dir = process.env.SYNCDECK_E2E_DATA_DIR;
  if (!dir) throw new Error("SYNCDECK_E2E_DATA_DIR is not set: run through playwright.config.ts");
  return dir;
}

export function databaseUrl(): string {
  // postmaster.pid: line 4 is the port the server listens on
  const port = fs
    .readFileSync(path.join(dataDir(), "postgres", "postmaster.pid"), "utf8")
    .split("\n")[3]
    ?.trim();
  return `postgresql://postgres:postgres@127.0.0.1:${port}/syncdeck`;
}

function kafkaBrokers(): string {
  const properties = fs.readFileSync(path.join(dataDir(), "kafka", "broker.properties"), "utf8");
  const match = /^listeners=PLAINTEXT:\/\/([^,\s]+)/m.exec(properties);
  if (!match) throw new Error("no PLAINTEXT listener in the broker's properties");
  return match[1]!;
}

const TABLES: Record<string, string> = {
  tenants: `SELECT to_jsonb(t) - 'updated_at' FROM tenants t WHERE slug = ANY($1) ORDER BY id`,
  users: `SELECT to_jsonb(u) - 'last_login_at' FROM users u WHERE email NOT LIKE '${E2E_USER_PREFIX}%' ORDER BY id`,
  memberships: `SELECT to_jsonb(m) FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email NOT LIKE '${E2E_USER_PREFIX}%' ORDER BY m.user_id, m.tenant_id`,
  roles: `SELECT to_jsonb(r) FROM role_permissions r ORDER BY role_name, permission_key`,
  environments: `SELECT to_jsonb(e) - 'agent_seen_at' FROM environments e WHERE id NOT LIKE 'e2e-%' ORDER BY id`,
  kafkaClusters: `SELECT to_jsonb(c) - 'updated_at' FROM kafka_clusters c WHERE id NOT LIKE 'e2e-%' ORDER BY id`,
  alertRules: `SELECT to_jsonb(r) - 'pending_since' - 'last_value' - 'evaluated_at' - 'updated_at' FROM alert_rules r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = $2 ORDER BY r.id`,
  deployments: `SELECT jsonb_build_array(id, revision, action, version, config, replicas, reason) FROM deployments WHERE tenant = $2 OR (tenant = '${DEMO_POOL}' AND stage <> 'update-processor') ORDER BY id`,
  deadLetters: `SELECT jsonb_build_array(id, state, state_reason, state_by) FROM dlq_messages WHERE tenant = $2 AND state <> 'open' ORDER BY id`,
  replayJobs: `SELECT jsonb_build_array(id, target, selection, rate_per_sec) FROM dlq_replay_jobs WHERE tenant = $2 ORDER BY id`,
  tenantJobs: `SELECT jsonb_build_array(j.id, j.kind) FROM tenant_jobs j JOIN tenants t ON t.id = j.tenant_id WHERE t.slug = ANY($1) ORDER BY j.id`,
  tenantEvents: `SELECT jsonb_build_array(e.id) FROM tenant_events e JOIN tenants t ON t.id = e.tenant_id WHERE t.slug = ANY($1) ORDER BY e.id`,
};

export type DataSnapshot = Record<string, string>;

async function databaseSnapshot(client: pg.Client): Promise<DataSnapshot> {
  const snapshot: DataSnapshot = {};
  for (const [name, select] of Object.entries(TABLES)) {
    const { rows } = await client.query<{ digest: string; n: number }>(
      `SELECT md5(coalesce(string_agg(row::text, E'\\n'), '')) AS digest, count(*)::int AS n FROM (${select}) AS rows(row) WHERE $1::text[] IS NOT NULL AND $2::text IS NOT NULL`,
      [DEMO_SLUGS, QUIET_TENANT],
    );
    snapshot[name] = `${rows[0]!.n} rows, md5 ${rows[0]!.digest}`;
  }
  return snapshot;
}

async function kafkaSnapshot(): Promise<DataSnapshot> {
  const admin = new Kafka({
    clientId: "syncdeck-e2e-fuzz",
    brokers: [kafkaBrokers()],
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics())
      .filter((t) => DEMO_SLUGS.some((slug) => t.startsWith(`sync.${slug}.`)))
      .sort();
    const quiet = topics.filter((t) => t.startsWith(`sync.${QUIET_TENANT}.`));
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: quiet.map((name) => ({ type: 2 /* TOPIC */, name, configNames: ["retention.ms"] })),
    });
    const retention = resources.map((r) => `${r.resourceName}=${r.configEntries[0]?.configValue}`).sort();
    return { topics: topics.join(","), retention: retention.join(",") };
  } finally {
    await admin.disconnect();
  }
}

/** The rows and topics above, each as a count and a digest: equal snapshots mean nothing changed. */
export async function takeSnapshot(): Promise<DataSnapshot> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return { ...(await databaseSnapshot(client)), ...(await kafkaSnapshot()) };
  } finally {
    await client.end();
  }
}

/** Audit records written by requests whose id starts with `prefix` (every mutation is audited). */
/** Audit records written by the given requests (the ids the server gave them). */
export async function auditedActions(
  requestIds: string[],
): Promise<Array<{ action: string; target: string; requestId: string }>> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ action: string; target: string; requestId: string }>(
      `SELECT action, target, request_id AS "requestId" FROM audit_events WHERE request_id = ANY($1::text[]) ORDER BY id`,
      [requestIds],
    );
    return rows;
  } finally {
    await client.end();
  }
}
