/**
 * Snapshot (backfill) progress of a Debezium connector. Debezium's snapshot metrics are JMX only;
 * over REST we have the connector's committed source offset (Debezium 3.7's PostgresOffsetContext
 * writes `snapshot` — the snapshot type, e.g. INITIAL — while a snapshot runs, `last_snapshot_record`
 * on its final record and `snapshot_completed` once done). Rows done are the
 * messages on the cdc topics, total is the source tables' row count: an estimate that stays
 * within 0..100 % (changes streamed during the snapshot also land on the topics).
 */
export type SnapshotOffset = Record<string, unknown> | null;

export function isSnapshotting(offset: SnapshotOffset): boolean {
  if (!offset) return false;
  const flag = offset.snapshot;
  const running = flag === true || flag === "true" || (typeof flag === "string" && flag !== "false" && flag.length > 0);
  return running && offset.last_snapshot_record !== true && offset.snapshot_completed !== true;
}

export type SnapshotProgress = {
  running: boolean;
  rowsDone: number;
  rowsTotal: number | null;
  fraction: number | null;
};

export function snapshotProgress(
  offset: SnapshotOffset,
  capturedMessages: number,
  sourceRows: number | null,
): SnapshotProgress {
  const running = isSnapshotting(offset);
  const fraction = sourceRows === null ? null : sourceRows === 0 ? 1 : Math.min(1, capturedMessages / sourceRows);
  return {
    running,
    rowsDone: sourceRows === null ? capturedMessages : Math.min(capturedMessages, sourceRows),
    rowsTotal: sourceRows,
    fraction,
  };
}
