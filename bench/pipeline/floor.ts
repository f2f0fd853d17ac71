/**
 * The floor: what this machine's broker and Postgres cost per update before any applier logic, so
 * a throughput target can be checked against what two cores allow at all. Measured on the
 * throughput phase's tenant, after its drain:
 * - read: a bare kafkajs consumer in this process (the processors' fetch settings, no decoding, no
 *   validation, no commits) reads the tenant's updates topic end to end; CPU of the broker and of
 *   this process per message.
 * - write: Postgres alone writes the row versions that drain applied, server-side (no parameters, no
 *   network, one connection): the tenant's target rows upserted, with the same version guard, into a
 *   fresh tenant in FLOOR_BATCH-row statements, first on their own, then again with one event-trail
 *   row each. CPU of the Postgres processes per update.
 * An applier needs at least read + write CPU per update, so 2 fully busy cores allow at most
 * 2 / (read + write) updates per second, whatever its code does.
 */
import type pg from "pg";
import { tenantTopics } from "@/lib/contract/topics";
import { processorEnvShape } from "../../pipeline/shared/processor-config";
import { CLAIM_ON_CONFLICT, MEMBER_ON_CONFLICT } from "../../pipeline/update-processor/target-sql";
import { suffix, sum, UPDATES } from "./config";
import { cpuSeconds, cpuSnapshot, postgresPids } from "./measure";
import type { BenchContext } from "./setup";

const FLOOR_BATCH = 1_000;

export interface Floor {
  /** CPU µs per update: the broker and a bare consumer reading it */
  readBrokerUs: number;
  readClientUs: number;
  /** CPU µs of Postgres per update: writing the target row only, and with its event-trail row */
  writeTargetUs: number;
  writeWithTrailUs: number;
}

async function readFloor(ctx: BenchContext, tenant: string): Promise<{ brokerUs: number; clientUs: number }> {
  const topic = tenantTopics(tenant).updates;
  const total = sum((await ctx.admin.fetchTopicOffsets(topic)).map((p) => Number(p.high)));
  const maxBytes = processorEnvShape.CONSUMER_MAX_BYTES.parse(undefined);
  const consumer = ctx.kafka.consumer({
    groupId: `bench-floor-${suffix}`,
    maxBytes,
    maxBytesPerPartition: maxBytes,
    maxWaitTimeInMs: processorEnvShape.CONSUMER_MAX_WAIT_MS.parse(undefined),
  });
  const pids = () => ({ kafka: ctx.stack.kafkaPid ? [ctx.stack.kafkaPid] : [], client: [process.pid] });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let seen = 0;
    const before = cpuSnapshot(pids());
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            seen += batch.messages.length;
            if (seen >= total) resolve();
          },
        })
        .catch(reject);
    });
    const after = cpuSnapshot(pids());
    return {
      brokerUs: (1e6 * cpuSeconds(before, after, ["kafka"])) / total,
      clientUs: (1e6 * cpuSeconds(before, after, ["client"])) / total,
    };
  } finally {
    await consumer.disconnect();
  }
}

const MEMBER_COLUMNS =
  "member_id, first_name, last_name, date_of_birth, address_line, city, state, postal_code, plan_id, status";
const CLAIM_COLUMNS =
  "claim_id, member_id, ndc, drug_name, pharmacy_id, quantity, days_supply, amount_billed, amount_paid, status, fill_date";

/** One batch of the entity's numbered copy ($2..$3) upserted as tenant $1 with LSNs raised by $4; with trail rows when asked. */
function upsertBatch(entity: Entity, withTrail: boolean): string {
  const [target, columns, onConflict, idColumn] =
    entity === "member"
      ? ["target_members", MEMBER_COLUMNS, MEMBER_ON_CONFLICT, "member_id"]
      : ["target_claims", CLAIM_COLUMNS, CLAIM_ON_CONFLICT, "claim_id"];
  const upsert = `INSERT INTO ${target} AS t (tenant, ${columns}, source_lsn, source_version, source_ts, applied_at, deleted)
    SELECT $1, ${columns}, source_lsn + $4, source_version + $4, source_ts, now(), deleted
    FROM floor_${entity}s WHERE n BETWEEN $2 AND $3
    ${onConflict}`;
  if (!withTrail) return upsert;
  return `WITH w AS (${upsert} RETURNING t.${idColumn} AS id, t.member_id, t.source_lsn, t.source_ts)
    INSERT INTO event_trail (tenant, stage, entity_ref, member_id, topic, "partition", "offset", source_lsn, source_ts, outcome)
    SELECT $1, 'update-processor', '${entity}:' || id, member_id, 'sync.' || $1 || '.updates', 0, 0, source_lsn, source_ts, 'applied'
    FROM w`;
}

type Entity = "member" | "claim";
const ENTITIES = ["member", "claim"] as const;

/**
 * The drained tenant's target rows as numbered temporary copies (floor_members, floor_claims) on
 * `client`, and how many row versions the drain applied (its `applied` trail rows).
 */
async function copyDrainedRows(client: pg.PoolClient, tenant: string) {
  const sizes: Record<Entity, number> = { member: 0, claim: 0 };
  for (const entity of ENTITIES) {
    await client.query(
      `CREATE TEMP TABLE floor_${entity}s AS SELECT row_number() OVER () AS n, * FROM target_${entity}s WHERE tenant = $1`,
      [tenant],
    );
    await client.query(`CREATE INDEX ON floor_${entity}s (n)`);
    await client.query(`ANALYZE floor_${entity}s`);
    sizes[entity] = Number((await client.query(`SELECT count(*) AS n FROM floor_${entity}s`)).rows[0].n);
  }
  const { rows } = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM event_trail WHERE tenant = $1 AND stage = 'update-processor' AND outcome = 'applied'`,
    [tenant],
  );
  return { sizes, versions: Number(rows[0]!.n) };
}

/** Postgres CPU µs per update for writing `versions` row versions into a fresh tenant, FLOOR_BATCH rows a statement. */
async function writeFloor(
  ctx: BenchContext,
  client: pg.PoolClient,
  copied: { sizes: Record<Entity, number>; versions: number },
  withTrail: boolean,
): Promise<number> {
  const { sizes, versions } = copied;
  const floorTenant = `bench-floor-${withTrail ? "trail" : "target"}-${suffix}`;
  const statements = { member: upsertBatch("member", withTrail), claim: upsertBatch("claim", withTrail) };
  const pids = () => ({ postgres: postgresPids(ctx.stack) });
  const before = cpuSnapshot(pids());
  let written = 0;
  for (let pass = 1; written < versions; pass++)
    for (const entity of ENTITIES)
      for (let from = 1; from <= sizes[entity] && written < versions; from += FLOOR_BATCH) {
        const to = Math.min(from + FLOOR_BATCH - 1, sizes[entity], from + versions - written - 1);
        await client.query(statements[entity], [floorTenant, from, to, pass]);
        written += to - from + 1;
      }
  return (1e6 * cpuSeconds(before, cpuSnapshot(pids()))) / UPDATES;
}

/** undefined when the broker or Postgres is external (KAFKA_BROKERS / DATABASE_URL): their CPU is not visible here. */
export async function floorStage(ctx: BenchContext, tenant: string): Promise<Floor | undefined> {
  if (!ctx.stack.kafkaPid || !ctx.stack.postmasterPid) return undefined;
  const read = await readFloor(ctx, tenant);
  const client = await ctx.pool.connect();
  try {
    const copied = await copyDrainedRows(client, tenant);
    const writeTargetUs = await writeFloor(ctx, client, copied, false);
    const writeWithTrailUs = await writeFloor(ctx, client, copied, true);
    await client.query("DROP TABLE floor_members, floor_claims");
    return { readBrokerUs: read.brokerUs, readClientUs: read.clientUs, writeTargetUs, writeWithTrailUs };
  } finally {
    client.release();
  }
}
