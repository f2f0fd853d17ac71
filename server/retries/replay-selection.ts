/**
 * Which DLQ records a replay (or a resolve/discard) covers: the ids picked in the list, or every
 * record matching a filter (a time range is a filter with from/to). A filter selection is frozen
 * at an id ceiling when the job is created, so records that arrive later are not swept in. Pure.
 */
import { z } from "zod";
import { bigintIdText } from "@/server/lib/bounded-values";
import { dlqFilterSchema, filterToSql, type SqlWhere } from "./dlq-filter";

/** the numeric ids of the list */
const id = bigintIdText("each id");

export const selectionSchema = z
  .object({
    ids: z.array(id).min(1).max(1_000).optional(),
    filter: dlqFilterSchema.omit({ kind: true }).optional(),
  })
  .strict()
  .refine((s) => (s.ids === undefined) !== (s.filter === undefined), "give either ids or a filter, not both");
export type Selection = z.infer<typeof selectionSchema>;

export type FrozenSelection = Selection & { maxId: string };

/** WHERE over the tenant's dead-letter records of the selection; `afterId` walks it in id order. */
export function selectionToSql(tenant: string, selection: Selection & { maxId?: string }, afterId?: string): SqlWhere {
  const filter = dlqFilterSchema.parse({ ...(selection.filter ?? { state: "all" }), kind: "dlq" });
  const where = filterToSql(tenant, filter);
  const params = [...where.params];
  let sql = where.sql;
  if (selection.ids) {
    params.push(selection.ids);
    sql += ` AND id = ANY($${params.length}::bigint[])`;
  }
  if (selection.maxId) {
    params.push(selection.maxId);
    sql += ` AND id <= $${params.length}::bigint`;
  }
  if (afterId) {
    params.push(afterId);
    sql += ` AND id > $${params.length}::bigint`;
  }
  return { sql, params };
}
