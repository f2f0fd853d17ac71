/**
 * The upserts of the target tables, shared by the transaction (apply.ts) and the one-statement
 * apply (apply-statement.ts): column arrays in (plan.ts memberColumns / claimColumns), the version
 * guard `WHERE t.source_lsn < EXCLUDED.source_lsn` making a replayed or older change a no-op.
 */

import { sourceTs } from "../shared/event-trail";

/** The version guard of every member upsert (the naive bench baseline uses it too). */
export const MEMBER_ON_CONFLICT = `ON CONFLICT (tenant, member_id) DO UPDATE SET first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
    date_of_birth = EXCLUDED.date_of_birth, address_line = EXCLUDED.address_line, city = EXCLUDED.city,
    state = EXCLUDED.state, postal_code = EXCLUDED.postal_code, plan_id = EXCLUDED.plan_id, status = EXCLUDED.status,
    source_lsn = EXCLUDED.source_lsn, source_version = EXCLUDED.source_version, source_ts = EXCLUDED.source_ts,
    applied_at = EXCLUDED.applied_at, deleted = EXCLUDED.deleted
  WHERE t.source_lsn < EXCLUDED.source_lsn`;

/** The version guard of every claim upsert. */
export const CLAIM_ON_CONFLICT = `ON CONFLICT (tenant, claim_id) DO UPDATE SET member_id = EXCLUDED.member_id, ndc = EXCLUDED.ndc,
    drug_name = EXCLUDED.drug_name, pharmacy_id = EXCLUDED.pharmacy_id, quantity = EXCLUDED.quantity,
    days_supply = EXCLUDED.days_supply, amount_billed = EXCLUDED.amount_billed, amount_paid = EXCLUDED.amount_paid,
    status = EXCLUDED.status, fill_date = EXCLUDED.fill_date, source_lsn = EXCLUDED.source_lsn,
    source_version = EXCLUDED.source_version, source_ts = EXCLUDED.source_ts, applied_at = EXCLUDED.applied_at,
    deleted = EXCLUDED.deleted
  WHERE t.source_lsn < EXCLUDED.source_lsn`;

/** Postgres types of memberColumns' arrays, in order. */
const MEMBER_TYPES = [
  "text",
  "text",
  "text",
  "date",
  "text",
  "text",
  "text",
  "text",
  "text",
  "text",
  "numeric",
  "bigint",
  "float8", // source_ts as epoch ms
  "boolean",
];
/** Postgres types of claimColumns' arrays, in order. */
const CLAIM_TYPES = [
  "text",
  "text",
  "text",
  "text",
  "text",
  "int",
  "int",
  "numeric",
  "numeric",
  "text",
  "date",
  "numeric",
  "bigint",
  "float8", // source_ts as epoch ms
  "boolean",
];

export const MEMBER_PARAMS = MEMBER_TYPES.length;
export const CLAIM_PARAMS = CLAIM_TYPES.length;

/** `unnest($from::type[], …)` over column arrays of these types, numbered from `from`. */
const unnestOf = (types: readonly string[], from: number) =>
  `unnest(${types.map((type, i) => `$${i + from}::${type}[]`).join(", ")})`;

/** The claims' column arrays from `$from` on, as rows `u`. */
export const claimRows = (from: number) => `${unnestOf(CLAIM_TYPES, from)}
    AS u(claim_id, member_id, ndc, drug_name, pharmacy_id, quantity, days_supply, amount_billed, amount_paid, status,
      fill_date, source_lsn, source_version, source_ts, deleted)`;

/** Upsert of the members in the column arrays from `$from` on ($1 = tenant); `RETURNING` is the caller's. */
export const upsertMembers = (from: number) => `
  INSERT INTO target_members AS t (tenant, member_id, first_name, last_name, date_of_birth, address_line, city, state,
    postal_code, plan_id, status, source_lsn, source_version, source_ts, applied_at, deleted)
  SELECT $1, u.member_id, u.first_name, u.last_name, u.date_of_birth, u.address_line, u.city, u.state, u.postal_code,
    u.plan_id, u.status, u.source_lsn, u.source_version, ${sourceTs("u.source_ts")}, now(), u.deleted
  FROM ${unnestOf(MEMBER_TYPES, from)}
    AS u(member_id, first_name, last_name, date_of_birth, address_line, city, state, postal_code, plan_id, status,
      source_lsn, source_version, source_ts, deleted)
  ${MEMBER_ON_CONFLICT}`;

/** Upsert of the claims of `source` (rows `u` as claimRows makes them, filtered or not; $1 = tenant). */
export const upsertClaims = (source: string) => `
  INSERT INTO target_claims AS t (tenant, claim_id, member_id, ndc, drug_name, pharmacy_id, quantity, days_supply,
    amount_billed, amount_paid, status, fill_date, source_lsn, source_version, source_ts, applied_at, deleted)
  SELECT $1, u.claim_id, u.member_id, u.ndc, u.drug_name, u.pharmacy_id, u.quantity, u.days_supply, u.amount_billed,
    u.amount_paid, u.status, u.fill_date, u.source_lsn, u.source_version, ${sourceTs("u.source_ts")}, now(), u.deleted
  FROM ${source}
  ${CLAIM_ON_CONFLICT}`;
