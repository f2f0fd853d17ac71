/**
 * Reads and touches a tenant's source database (source_<tenant>, pipeline/shared/source-schema.sql).
 * The console reaches it on SOURCE_DATABASE_SERVER_URL, or on the server of DATABASE_URL (the local
 * stack keeps both there). A touch is an UPDATE that changes nothing but `updated_at`: the
 * version trigger bumps `version`, and Debezium captures the row again — a re-sync from the source.
 */
import "server-only";
import pg from "pg";
import { databaseUrl, sourceDatabaseName } from "@/lib/source-db/source-db";
import type { SourceSnapshot, SourceVersions } from "./member-view";

const holder = globalThis as typeof globalThis & { __syncdeckSourcePools?: Map<string, pg.Pool> };

function sourcePool(tenant: string): pg.Pool {
  holder.__syncdeckSourcePools ??= new Map();
  let pool = holder.__syncdeckSourcePools.get(tenant);
  if (!pool) {
    const server = process.env.SOURCE_DATABASE_SERVER_URL ?? process.env.DATABASE_URL;
    if (!server) throw new Error("neither SOURCE_DATABASE_SERVER_URL nor DATABASE_URL is set");
    pool = new pg.Pool({
      connectionString: databaseUrl(server, sourceDatabaseName(tenant)),
      max: 3,
      connectionTimeoutMillis: 2_000,
      statement_timeout: 2_000,
    });
    pool.on("error", () => {}); // an idle client's error must not crash the console; the next query reports it
    holder.__syncdeckSourcePools.set(tenant, pool);
  }
  return pool;
}

const UPDATED = `to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The source's versions for one member; null when the source cannot be read (the page says so). */
export async function readSourceVersions(tenant: string, memberId: string): Promise<SourceSnapshot> {
  try {
    const pool = sourcePool(tenant);
    const [member, claims] = await Promise.all([
      pool.query<SourceVersions>(
        `SELECT version::text AS version, ${UPDATED} AS "updatedAt" FROM members WHERE member_id = $1`,
        [memberId],
      ),
      pool.query<SourceVersions & { claim_id: string }>(
        `SELECT claim_id, version::text AS version, ${UPDATED} AS "updatedAt" FROM claims WHERE member_id = $1`,
        [memberId],
      ),
    ]);
    return { member: member.rows[0] ?? null, claims: new Map(claims.rows.map(({ claim_id, ...v }) => [claim_id, v])) };
  } catch {
    return null;
  }
}

/** Touches the member and all their claims, or one claim; returns the entities touched. */
export async function touchInSource(tenant: string, memberId: string, claimId: string | null): Promise<string[]> {
  const client = await sourcePool(tenant).connect();
  try {
    await client.query("BEGIN");
    const touched: string[] = [];
    if (claimId === null) {
      const m = await client.query<{ member_id: string }>(
        "UPDATE members SET updated_at = now() WHERE member_id = $1 RETURNING member_id",
        [memberId],
      );
      touched.push(...m.rows.map((r) => `member:${r.member_id}`));
    }
    const c = await client.query<{ claim_id: string }>(
      "UPDATE claims SET updated_at = now() WHERE member_id = $1 AND ($2::text IS NULL OR claim_id = $2) RETURNING claim_id",
      [memberId, claimId],
    );
    touched.push(...c.rows.map((r) => `claim:${r.claim_id}`));
    await client.query("COMMIT");
    return touched;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
