/** Reconciliation runs and differences as the API returns them (pure, JSON-safe). */
import { runPercent, type EntityProgress } from "./chunks";
import type { RunRow } from "./runs";

export type ReconcileRunJson = {
  id: string;
  status: string;
  requestedBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** share of id ranges done over all entities, 0–100 */
  percent: number;
  differences: number;
  error: string | null;
  entities: Record<string, EntityProgress>;
};

export type ReconcileDifferenceJson = {
  entity: string;
  entityId: string;
  kind: string;
  memberId: string | null;
  sourceVersion: string | null;
  targetVersion: string | null;
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function runJson(run: RunRow): ReconcileRunJson {
  const entities = (run.entities ?? {}) as Record<string, EntityProgress>;
  return {
    id: run.id,
    status: run.status,
    requestedBy: run.requestedBy,
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    percent: run.status === "succeeded" ? 100 : runPercent(entities),
    differences: run.differences,
    error: run.error,
    entities,
  };
}

/** Keyset cursor of the differences list: the last (entity, id) of the page, base64url. */
export const encodeCursor = (entity: string, entityId: string) =>
  Buffer.from(JSON.stringify([entity, entityId])).toString("base64url");

export function decodeCursor(cursor: string): { entity: string; entityId: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string")
      return { entity: value[0], entityId: value[1] };
  } catch {
    // fall through: not a cursor this API wrote
  }
  return null;
}
