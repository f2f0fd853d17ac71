import { describe, expect, it } from "vitest";
import { isSnapshotting, snapshotProgress } from "./snapshot-progress";

describe("snapshot progress", () => {
  it("reads Debezium's snapshot flags from the committed source offset", () => {
    expect(isSnapshotting({ lsn: 1, snapshot: true })).toBe(true);
    expect(isSnapshotting({ lsn: 1, snapshot: "INITIAL" })).toBe(true);
    expect(isSnapshotting({ lsn: 1, snapshot: true, last_snapshot_record: true })).toBe(false);
    expect(isSnapshotting({ lsn: 1, snapshot: "INITIAL", snapshot_completed: true })).toBe(false);
    expect(isSnapshotting({ lsn: 1, ts_usec: 5 })).toBe(false);
    expect(isSnapshotting(null)).toBe(false);
  });

  it("compares rows captured with the source's row count, capped at 100 %", () => {
    expect(snapshotProgress({ snapshot: true }, 250, 1_000)).toEqual({
      running: true,
      rowsDone: 250,
      rowsTotal: 1_000,
      fraction: 0.25,
    });
    expect(snapshotProgress({ snapshot: true }, 1_500, 1_000).fraction).toBe(1);
    expect(snapshotProgress(null, 10, null)).toEqual({ running: false, rowsDone: 10, rowsTotal: null, fraction: null });
  });
});
