/**
 * Pure comparison of one entity type between a tenant's source (system of record) and the target:
 * counts, a checksum over ids and versions, and the differences. Both sides are sorted here, by
 * UTF-16 code units, so the checksum does not depend on either database's collation.
 *
 * Deleted entities: the source has no row; the target keeps a tombstone, which the reader
 * excludes — so a deletion that reached the target reconciles as equal.
 */
import { createHash } from "node:crypto";

export interface EntityVersion {
  id: string;
  /** bigint as a decimal string */
  version: string;
}

export interface EntityReconciliation {
  sourceCount: number;
  targetCount: number;
  sourceChecksum: string;
  targetChecksum: string;
  inSync: boolean;
  /** in the source, not in the target (lost, or not there yet) */
  missing: string[];
  /** in the target, not in the source (a delete not applied) */
  extra: string[];
  versionDiffers: Array<{ id: string; sourceVersion: string; targetVersion: string }>;
  /** true when the lists were cut at `limit` (the counts above them are complete) */
  truncated: boolean;
  missingCount: number;
  extraCount: number;
  versionDiffersCount: number;
}

const byId = (a: EntityVersion, b: EntityVersion) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function checksum(sorted: readonly EntityVersion[]): string {
  const hash = createHash("sha256");
  for (const e of sorted) hash.update(`${e.id}\u0000${e.version}\n`);
  return hash.digest("hex");
}

export function compareEntities(
  source: readonly EntityVersion[],
  target: readonly EntityVersion[],
  limit = 1_000,
): EntityReconciliation {
  const s = [...source].sort(byId);
  const t = [...target].sort(byId);
  const missing: string[] = [];
  const extra: string[] = [];
  const versionDiffers: EntityReconciliation["versionDiffers"] = [];
  let i = 0;
  let j = 0;
  while (i < s.length || j < t.length) {
    const a = s[i];
    const b = t[j];
    if (b === undefined || (a !== undefined && a.id < b.id)) {
      missing.push(a!.id);
      i++;
    } else if (a === undefined || b.id < a.id) {
      extra.push(b.id);
      j++;
    } else {
      if (a.version !== b.version)
        versionDiffers.push({ id: a.id, sourceVersion: a.version, targetVersion: b.version });
      i++;
      j++;
    }
  }
  const sourceChecksum = checksum(s);
  const targetChecksum = checksum(t);
  return {
    sourceCount: s.length,
    targetCount: t.length,
    sourceChecksum,
    targetChecksum,
    inSync: sourceChecksum === targetChecksum,
    missing: missing.slice(0, limit),
    extra: extra.slice(0, limit),
    versionDiffers: versionDiffers.slice(0, limit),
    truncated: Math.max(missing.length, extra.length, versionDiffers.length) > limit,
    missingCount: missing.length,
    extraCount: extra.length,
    versionDiffersCount: versionDiffers.length,
  };
}
