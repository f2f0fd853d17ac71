/**
 * The DLQ/retry list filter: parsed from search params or a replay body with zod, turned into one
 * parameterized WHERE clause. Pure. Every clause leads with (tenant, kind, state) so the composite
 * indexes of dlq_messages serve it, and pages are keyset pages on id — no OFFSET, no count(*).
 */
import { z } from "zod";
import { bigintIdText, storableTimeText } from "@/server/lib/bounded-values";

const text = (max: number) => z.string().trim().min(1).max(max).optional();

export const MESSAGE_STATES = ["open", "replayed", "resolved", "discarded"] as const;

export const dlqFilterSchema = z.object({
  kind: z.enum(["retry", "dlq"]).default("dlq"),
  /** open by default: resolved, discarded and replayed messages leave the default view */
  state: z.enum([...MESSAGE_STATES, "all"]).default("open"),
  errorClass: text(200),
  stage: text(60),
  /** `member:<id>` / `claim:<id>` matches the entity; anything else the record key */
  entity: text(60),
  fingerprint: z
    .string()
    .regex(/^[0-9a-f]{16}$/, "must be a 16-digit hex fingerprint")
    .optional(),
  from: storableTimeText("from").optional(),
  to: storableTimeText("to").optional(),
  /** full text over the error class and message (websearch syntax: words, "phrases", -not) */
  q: text(200),
});
export type DlqFilter = z.infer<typeof dlqFilterSchema>;

export const dlqPageSchema = dlqFilterSchema
  .extend({
    /** the id of the last row of the previous page */
    cursor: bigintIdText("cursor").optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type DlqPageQuery = z.infer<typeof dlqPageSchema>;

export interface SqlWhere {
  sql: string;
  params: unknown[];
}

/** `WHERE …` for one tenant's filter; parameter numbering starts after `offset` existing ones. */
export function filterToSql(tenant: string, filter: DlqFilter, offset = 0): SqlWhere {
  const params: unknown[] = [];
  const clauses: string[] = [];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(clause(`$${offset + params.length}`));
  };
  add((p) => `tenant = ${p}`, tenant);
  add((p) => `kind = ${p}`, filter.kind);
  if (filter.state !== "all") add((p) => `state = ${p}`, filter.state);
  if (filter.errorClass) add((p) => `error_class = ${p}`, filter.errorClass);
  if (filter.stage) add((p) => `stage = ${p}`, filter.stage);
  if (filter.entity)
    add((p) => (/^(member|claim):/.test(filter.entity!) ? `entity = ${p}` : `key = ${p}`), filter.entity);
  if (filter.fingerprint) add((p) => `fingerprint = ${p}`, filter.fingerprint);
  if (filter.from) add((p) => `written_at >= ${p}::timestamptz`, new Date(filter.from!).toISOString());
  if (filter.to) add((p) => `written_at < ${p}::timestamptz`, new Date(filter.to!).toISOString());
  if (filter.q) add((p) => `search_text @@ websearch_to_tsquery('simple', ${p})`, filter.q);
  return { sql: clauses.join(" AND "), params };
}

export interface PageSql extends SqlWhere {
  /** Full text: the same page without the window, for when the window held too few matches. */
  fallback?: SqlWhere;
}

/** Records scanned newest first before a full-text page falls back to the GIN index. */
export const TEXT_WINDOW = 2_000;

/**
 * The page query: newest first, strictly after the cursor, one row more than asked to know if more
 * follow. A time range orders by (written_at, id) so its index serves the range directly; otherwise
 * the id alone. Full text first filters a window of the newest records matching the other filters
 * (common words match within it at once) and otherwise falls back to the GIN index with an order
 * the planner cannot serve by walking the id index (rare words: a few matches, sorted).
 */
export function pageToSql(tenant: string, page: DlqPageQuery, columns: string): PageSql {
  const byTime = Boolean(page.from || page.to);
  // Qualified: the column lists return `id::text AS id`, and a bare `id` here would sort that text.
  const orderOf = (table: string) => (byTime ? `${table}.written_at DESC, ${table}.id DESC` : `${table}.id DESC`);
  const build = (mode: "window" | "full") => {
    const where = filterToSql(tenant, mode === "window" ? { ...page, q: undefined } : page);
    const params = [...where.params];
    let sql = where.sql;
    if (page.cursor) {
      params.push(page.cursor);
      const p = `$${params.length}::bigint`;
      sql += byTime
        ? ` AND (written_at, id) < (SELECT written_at, id FROM dlq_messages WHERE id = ${p})`
        : ` AND id < ${p}`;
    }
    if (mode === "window") {
      params.push(page.q);
      const q = `$${params.length}`;
      params.push(page.limit + 1);
      return {
        sql:
          `SELECT ${columns} FROM (SELECT * FROM dlq_messages WHERE ${sql} ORDER BY ${orderOf("dlq_messages")} LIMIT ${TEXT_WINDOW}) d` +
          ` WHERE search_text @@ websearch_to_tsquery('simple', ${q}) ORDER BY ${orderOf("d")} LIMIT $${params.length}`,
        params,
      };
    }
    params.push(page.limit + 1);
    const fullOrder = page.q && !byTime ? "dlq_messages.id + 0 DESC" : orderOf("dlq_messages");
    return {
      sql: `SELECT ${columns} FROM dlq_messages WHERE ${sql} ORDER BY ${fullOrder} LIMIT $${params.length}`,
      params,
    };
  };
  return page.q ? { ...build("window"), fallback: build("full") } : build("full");
}
