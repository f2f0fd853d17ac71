/**
 * How a reconciliation run walks an entity (pure): the source's ids, in byte order, are cut into
 * ranges of about `chunkSize` rows; each range is checksummed on both sides and only ranges whose
 * count or checksum differ are read row by row. The first range is open below and the last open
 * above, so a target row outside the source's id span still falls into a range.
 */
import { createHash } from "node:crypto";
import type { EntityReconciliation } from "./compare";

/** An id range: ids greater than `after` (null: no bound) and at most `upTo` (null: no bound). */
export type Chunk = { after: string | null; upTo: string | null };

/** Ranges between consecutive boundaries, e.g. [b1, b2] → (-∞, b1], (b1, b2], (b2, +∞). */
export function planChunks(boundaries: readonly string[]): Chunk[] {
  const chunks: Chunk[] = [];
  let after: string | null = null;
  for (const upTo of boundaries) {
    chunks.push({ after, upTo });
    after = upTo;
  }
  chunks.push({ after, upTo: null });
  return chunks;
}

/** What one side says about one range. */
export type ChunkDigest = { count: number; digest: string };

export const chunkDiffers = (source: ChunkDigest, target: ChunkDigest) =>
  source.count !== target.count || source.digest !== target.digest;

/** The progress of one entity within a run, stored as the run's `entities[entity]`. */
export type EntityProgress = {
  chunks: number;
  chunksDone: number;
  sourceCount: number;
  targetCount: number;
  /** sha-256 over the chunk digests in order; null until every chunk is done */
  sourceChecksum: string | null;
  targetChecksum: string | null;
  missing: number;
  extra: number;
  different: number;
  /** ids that differed in the scan but matched when read again after the confirm delay: changes in flight */
  settled?: number;
};

export const startProgress = (chunks: number): EntityProgress => ({
  chunks,
  chunksDone: 0,
  sourceCount: 0,
  targetCount: 0,
  sourceChecksum: null,
  targetChecksum: null,
  missing: 0,
  extra: 0,
  different: 0,
});

/** Adds one finished chunk (its digests and, when it differed, its comparison). */
export function addChunk(
  progress: EntityProgress,
  source: ChunkDigest,
  target: ChunkDigest,
  compared: EntityReconciliation | null,
): EntityProgress {
  return {
    ...progress,
    chunksDone: progress.chunksDone + 1,
    sourceCount: progress.sourceCount + source.count,
    targetCount: progress.targetCount + target.count,
    missing: progress.missing + (compared?.missingCount ?? 0),
    extra: progress.extra + (compared?.extraCount ?? 0),
    different: progress.different + (compared?.versionDiffersCount ?? 0),
  };
}

/** The entity checksum of one side: a hash over its chunk digests, in range order. */
export function combineDigests(digests: readonly string[]): string {
  const hash = createHash("sha256");
  for (const d of digests) hash.update(`${d}\n`);
  return hash.digest("hex");
}

export const differingCount = (p: EntityProgress) => p.missing + p.extra + p.different;

/** Percent of all chunks of all entities done (0–100, whole numbers; 100 only when all are done). */
export function runPercent(entities: Readonly<Record<string, EntityProgress>>): number {
  const all = Object.values(entities);
  const total = all.reduce((n, p) => n + p.chunks, 0);
  const done = all.reduce((n, p) => n + p.chunksDone, 0);
  if (total === 0) return 0;
  return done >= total ? 100 : Math.min(99, Math.floor((done / total) * 100));
}

export type DifferenceKind = "missing" | "extra" | "different";
export type DifferenceRow = {
  entityId: string;
  kind: DifferenceKind;
  memberId: string | null;
  sourceVersion: string | null;
  targetVersion: string | null;
};

type Row = { id: string; version: string; member: string };

/** One row per differing id of a compared chunk, with the member it belongs to (for a re-sync). */
export function differenceRows(
  compared: EntityReconciliation,
  source: readonly Row[],
  target: readonly Row[],
): DifferenceRow[] {
  const s = new Map(source.map((r) => [r.id, r]));
  const t = new Map(target.map((r) => [r.id, r]));
  return [
    ...compared.missing.map((id) => ({
      entityId: id,
      kind: "missing" as const,
      memberId: s.get(id)?.member ?? null,
      sourceVersion: s.get(id)?.version ?? null,
      targetVersion: null,
    })),
    ...compared.extra.map((id) => ({
      entityId: id,
      kind: "extra" as const,
      memberId: t.get(id)?.member ?? null,
      sourceVersion: null,
      targetVersion: t.get(id)?.version ?? null,
    })),
    ...compared.versionDiffers.map((d) => ({
      entityId: d.id,
      kind: "different" as const,
      memberId: s.get(d.id)?.member ?? null,
      sourceVersion: d.sourceVersion,
      targetVersion: d.targetVersion,
    })),
  ];
}

/**
 * The differences that persisted: ids that differed in the scan and still differ when their ranges
 * are read again after a delay (the second reading's kind and versions). An id that matched on the
 * second reading was a change in flight; an id that differs only in the second reading is a newer
 * change in flight. Pure; tested beside it.
 */
export function persistingDifferences(
  firstPass: ReadonlySet<string>,
  secondPass: readonly DifferenceRow[],
): DifferenceRow[] {
  return secondPass.filter((row) => firstPass.has(row.entityId));
}

/** An entity's progress with its counts replaced by the confirmed differences. */
export function confirmedProgress(
  progress: EntityProgress,
  scanned: number,
  confirmed: readonly DifferenceRow[],
): EntityProgress {
  const count = (kind: DifferenceKind) => confirmed.filter((row) => row.kind === kind).length;
  return {
    ...progress,
    missing: count("missing"),
    extra: count("extra"),
    different: count("different"),
    settled: scanned - confirmed.length,
  };
}
