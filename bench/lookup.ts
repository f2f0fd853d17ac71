/**
 * `npm run bench:lookup`: the member lookup at production size. Generates 1,000,000 members and
 * 10,000,000 claims in the target tables (plus 2,000,000 event-trail rows) of an embedded Postgres
 * kept in .data/bench/lookup-postgres — set-based SQL, indexes created after the load, and reused
 * on the next run — prints the lookup queries' plans, then runs the member-lookup code path the API
 * runs (loadMemberRecords as a named statement + buildMemberView + the JSON body; the source-DB read
 * is a separate server and left out) at 200 requests/s, open loop, over 20 concurrent connections,
 * each latency counted from when its request was due. The machine is shared: the line before the
 * last says how busy it was and how much of that was this bench. Last line:
 *   lookup: <M> members, <C> claims, p95 <x> ms, p99 <y> ms at <r> rps
 */
import path from "node:path";
import pg from "pg";
import { maintainTrailPartitions } from "../pipeline/shared/event-trail";
import { processesIn, startPostgres } from "../scripts/stack/postgres";
import { statementName } from "../server/db/named-statements";
import { applyMigrations } from "../server/db/migrate";
import { loadMemberRecords, MEMBER_LOOKUP, SQL, searchTarget, type Sql } from "../server/lookup/lookup-queries";
import { buildMemberView } from "../server/lookup/member-view";
import { cpuTimes, describeCpu, percentile } from "./stats";

const MEMBERS = Number(process.env.BENCH_LOOKUP_MEMBERS ?? 1_000_000);
const CLAIMS_PER_MEMBER = 10;
const CLAIMS = MEMBERS * CLAIMS_PER_MEMBER;
const TENANTS = ["bench-acme", "bench-globex"];
const CLIENTS = 20;
const RATE = 200;
const SECONDS = Number(process.env.BENCH_LOOKUP_SECONDS ?? 20);
const CHUNK = 1_000_000;
const WINDOW_SECONDS = 5;

const log = (line: string) => console.log(line);

/** Index definitions dropped before the load and created after it, named as the migrations name them. */
const INDEXES = [
  {
    drop: "ALTER TABLE target_members DROP CONSTRAINT IF EXISTS target_members_pkey",
    create: "ALTER TABLE target_members ADD CONSTRAINT target_members_pkey PRIMARY KEY (tenant, member_id)",
  },
  {
    drop: "DROP INDEX IF EXISTS target_members_tenant_last_name_first_name_idx",
    create:
      "CREATE INDEX target_members_tenant_last_name_first_name_idx ON target_members (tenant, last_name, first_name)",
  },
  {
    drop: "ALTER TABLE target_claims DROP CONSTRAINT IF EXISTS target_claims_pkey",
    create: "ALTER TABLE target_claims ADD CONSTRAINT target_claims_pkey PRIMARY KEY (tenant, claim_id)",
  },
  {
    drop: "DROP INDEX IF EXISTS target_claims_tenant_member_id_idx",
    create: "CREATE INDEX target_claims_tenant_member_id_idx ON target_claims (tenant, member_id)",
  },
  {
    drop: "DROP INDEX IF EXISTS event_trail_tenant_member_id_processed_at_idx",
    create:
      "CREATE INDEX event_trail_tenant_member_id_processed_at_idx ON event_trail (tenant, member_id, processed_at)",
  },
  {
    drop: "DROP INDEX IF EXISTS event_trail_tenant_entity_ref_processed_at_idx",
    create:
      "CREATE INDEX event_trail_tenant_entity_ref_processed_at_idx ON event_trail (tenant, entity_ref, processed_at)",
  },
  {
    drop: "DROP INDEX IF EXISTS event_trail_tenant_stage_processed_at_idx",
    create: "CREATE INDEX event_trail_tenant_stage_processed_at_idx ON event_trail (tenant, stage, processed_at)",
  },
];

// Member i belongs to tenant i % 2; its claims are C-(10i+k). Trail: every 5th claim has a
// produced + applied pair, every 1,000th claim a dead-letter row instead.
const TENANT_OF = (col: string) => `(ARRAY['${TENANTS[0]}','${TENANTS[1]}'])[1 + ${col} % 2]`;

async function generated(db: pg.Client): Promise<boolean> {
  await db.query(
    "CREATE TABLE IF NOT EXISTS bench_lookup_meta (members bigint NOT NULL, claims bigint NOT NULL, generated_at timestamptz NOT NULL)",
  );
  const { rows } = await db.query<{ members: string; claims: string }>(
    "SELECT members::text, claims::text FROM bench_lookup_meta",
  );
  return rows[0]?.members === String(MEMBERS) && rows[0]?.claims === String(CLAIMS);
}

async function generate(db: pg.Client): Promise<void> {
  const step = async (what: string, sql: string, params: unknown[] = []) => {
    const started = Date.now();
    await db.query(sql, params);
    log(`  ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };
  log(`generating ${MEMBERS} members, ${CLAIMS} claims and their trail (once; kept in .data/bench)`);
  await db.query("SET synchronous_commit = off");
  await db.query("SET maintenance_work_mem = '256MB'");
  await db.query("TRUNCATE target_members, target_claims, event_trail, bench_lookup_meta");
  for (const index of INDEXES) await db.query(index.drop);
  await step(
    "members",
    `INSERT INTO target_members (tenant, member_id, first_name, last_name, date_of_birth, address_line, city, state, postal_code,
      plan_id, status, source_lsn, source_version, source_ts, applied_at)
    SELECT ${TENANT_OF("i")}, 'M' || i, (ARRAY['Ana','Ben','Chen','Dara','Eli','Fatima','Gus','Hana'])[1 + i % 8],
      (ARRAY['Okafor','Smith','Nguyen','Garcia','Kowalski','Haddad','Ito','Moreau','Silva','Brown'])[1 + (i / 8) % 10] || (i % 997),
      date '1940-01-01' + (i % 25000)::int, (i % 9000) || ' Elm St', 'Springfield', 'IL', lpad((i % 99999)::text, 5, '0'), 'P' || (i % 40), 'ACTIVE',
      i, 1, now() - interval '2 hours', now() - interval '2 hours' + interval '2 s'
    FROM generate_series(1, $1::bigint) AS i`,
    [MEMBERS],
  );
  for (let from = 0; from < CLAIMS; from += CHUNK) {
    await step(
      `claims ${from + 1}..${Math.min(from + CHUNK, CLAIMS)}`,
      `INSERT INTO target_claims (tenant, claim_id, member_id, ndc, drug_name, pharmacy_id, quantity,
        days_supply, amount_billed, amount_paid, status, fill_date, source_lsn, source_version, source_ts, applied_at)
      SELECT ${TENANT_OF("(c / 10)")}, 'C-' || c, 'M' || (c / 10), '00002143380', 'Atorvastatin 20 mg', 'PH' || (c % 500), 30, 30, 42.5, 38.1, 'PAID',
        date '2026-01-01' + (c % 300)::int, c, 1, now() - interval '1 hour', now() - interval '1 hour' + interval '1 s'
      FROM generate_series($1::bigint, $2::bigint) AS c`,
      [10 + from, 10 + Math.min(from + CHUNK, CLAIMS) - 1],
    );
  }
  await maintainTrailPartitions(db, 7);
  await step(
    "event trail",
    `INSERT INTO event_trail (tenant, entity_ref, member_id, stage, topic, "partition", "offset", source_lsn, source_ts, processed_at, outcome, error)
    SELECT ${TENANT_OF("(c / 10)")}, 'claim:C-' || c, 'M' || (c / 10), s.stage, s.topic, (c % 6)::int, c, c,
      now() - interval '1 hour', now() - interval '1 hour' + s.delay,
      CASE WHEN c % 1000 = 0 AND s.stage = 'update-processor' THEN 'dead_lettered' ELSE s.outcome END,
      CASE WHEN c % 1000 = 0 AND s.stage = 'update-processor' THEN 'ValidationError: pharmacy id unknown' END
    FROM generate_series(10, $1::bigint + 9, 5) AS c
    CROSS JOIN (VALUES ('cdc-processor', 'sync.bench.updates', 'produced', interval '300 ms'), ('update-processor', 'sync.bench.updates', 'applied', interval '900 ms')) AS s(stage, topic, outcome, delay)`,
    [CLAIMS],
  );
  for (const index of INDEXES)
    await step(`index: ${index.create.replace(/^.*(ON|TABLE) (\w+).*$/, "$2")}`, index.create);
  await step("analyze", "ANALYZE target_members, target_claims, event_trail");
  await db.query("INSERT INTO bench_lookup_meta VALUES ($1, $2, now())", [MEMBERS, CLAIMS]);
}

async function explain(db: pg.Client): Promise<void> {
  const memberId = `M${Math.floor(MEMBERS / 2)}`;
  const tenant = TENANTS[Math.floor(MEMBERS / 2) % 2]!;
  const plans: [string, string, unknown[]][] = [
    [
      "member lookup (member, claims, trail in one named statement, generic plan)",
      MEMBER_LOOKUP,
      [tenant, memberId, 7],
    ],
    ["suggest by member id", SQL.membersById, [TENANTS, "M12345", "M12345~", 10]],
    ["suggest by claim id", SQL.claimsById, [TENANTS, "C-12345", "C-12345~", 10]],
    ["suggest by name", SQL.membersByName, [TENANTS, "Smith1", "Smith1~", null, null, 10]],
  ];
  // The lookup runs as a named statement on a generic plan (server/db/named-statements.ts): show that plan.
  await db.query(`PREPARE bench_member_lookup AS ${MEMBER_LOOKUP}`);
  await db.query("SET plan_cache_mode = force_generic_plan");
  const literal = (v: unknown) => (typeof v === "number" ? String(v) : db.escapeLiteral(String(v)));
  let seqScans = 0;
  for (const [name, sql, params] of plans) {
    const statement = sql === MEMBER_LOOKUP ? `EXECUTE bench_member_lookup(${params.map(literal).join(", ")})` : sql;
    const { rows } = await db.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${statement}`,
      sql === MEMBER_LOOKUP ? [] : params,
    );
    log(`-- plan: ${name}`);
    for (const r of rows) log(`   ${r["QUERY PLAN"]}`);
    // A sequential scan of an empty day partition (the days ahead) is fine; of anything with rows it is not.
    for (const r of rows) {
      const table = /Seq Scan on (\w+)/.exec(r["QUERY PLAN"])?.[1];
      if (
        table &&
        (await db.query<{ n: number }>("SELECT reltuples AS n FROM pg_class WHERE relname = $1", [table])).rows[0]!.n >
          0
      )
        seqScans++;
    }
  }
  await db.query("RESET plan_cache_mode");
  await db.query("DEALLOCATE bench_member_lookup");
  log(
    seqScans === 0
      ? "plans: every lookup query uses index scans"
      : `plans: ${seqScans} quer(ies) use a sequential scan`,
  );
}

/**
 * Open loop: request k is due at start + k / RATE whatever happened before it, and is taken by the
 * first of the CLIENTS connections that is free. Its latency runs from when it was due, not from
 * when a client got round to sending it, so a stall also counts against the requests that queued
 * behind it (a closed loop would quietly send fewer). Each lookup does what the API does with it:
 * read, build the member view, serialize the JSON.
 */
async function load(
  pool: pg.Pool,
): Promise<{ latencies: number[]; windows: number[][]; lateStarts: number[]; rps: number }> {
  const sql: Sql = async (text, params) => (await pool.query({ name: statementName(text), text, values: params })).rows;
  const intervalMs = 1000 / RATE;
  const total = SECONDS * RATE;
  const latencies: number[] = [];
  const lateStarts: number[] = [];
  const windows: number[][] = Array.from({ length: Math.ceil(SECONDS / WINDOW_SECONDS) }, () => []);
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let k = next++; k < total; k = next++) {
        const due = started + k * intervalMs;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        lateStarts.push(performance.now() - due);
        const i = 1 + Math.floor(random() * MEMBERS);
        const tenant = TENANTS[i % 2]!;
        const records = await loadMemberRecords(sql, tenant, `M${i}`);
        JSON.stringify(buildMemberView(tenant, `M${i}`, records, null, new Date(), false));
        const latency = performance.now() - due;
        latencies.push(latency);
        windows[Math.floor(k / (RATE * WINDOW_SECONDS))]!.push(latency);
      }
    }),
  );
  const rps = latencies.length / ((performance.now() - started) / 1000);
  const suggest = await searchTarget(sql, TENANTS, { kind: "id", memberPrefix: "M4242", claimPrefix: "C-4242" });
  if (suggest.length === 0) throw new Error("suggestions returned nothing on the generated data");
  return { latencies, windows, lateStarts, rps };
}

async function main(): Promise<void> {
  const benchStarted = Date.now();
  const dataDir = path.join(process.cwd(), ".data", "bench", "lookup-postgres");
  const postgres = await startPostgres({ dataDir });
  try {
    await applyMigrations(postgres.url);
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    try {
      if (await generated(db)) log("reusing the generated data in .data/bench/lookup-postgres");
      else await generate(db);
      await explain(db);
    } finally {
      await db.end();
    }
    const pool = new pg.Pool({ connectionString: postgres.url, max: CLIENTS });
    // pool.end() resolves before every idle connection has closed; Postgres stopping right after
    // then ends the rest with 57P01, which an idle pooled client reports here instead of crashing.
    pool.on("error", (error) => console.warn(`idle connection: ${error.message}`));
    try {
      for (let i = 0; i < 200; i++)
        await loadMemberRecords(async (t, p) => (await pool.query(t, p)).rows, TENANTS[i % 2]!, `M${i * 4999 + 1}`); // warm-up
      const pids = [process.pid, ...processesIn(dataDir)];
      const cpuBefore = cpuTimes(pids);
      const loadStarted = performance.now();
      const { latencies, windows, lateStarts, rps } = await load(pool);
      log(describeCpu(cpuBefore, cpuTimes(pids), performance.now() - loadStarted));
      const worst = windows.reduce((a, b) => (percentile(b, 95) > percentile(a, 95) ? b : a));
      log(
        `worst ${WINDOW_SECONDS} s window: p95 ${percentile(worst, 95).toFixed(1)} ms; requests started late by p99 ${percentile(lateStarts, 99).toFixed(1)} ms (counted in their latency)`,
      );
      log(
        `${latencies.length} lookups in ${SECONDS} s, p50 ${percentile(latencies, 50).toFixed(1)} ms; bench took ${((Date.now() - benchStarted) / 1000).toFixed(0)} s`,
      );
      log(
        `lookup: ${MEMBERS} members, ${CLAIMS} claims, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms at ${rps.toFixed(0)} rps`,
      );
    } finally {
      await pool.end();
    }
  } finally {
    await postgres.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
