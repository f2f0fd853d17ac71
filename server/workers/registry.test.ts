import { describe, expect, it } from "vitest";
import { chooseWorkers, missingWorkerConfiguration, WORKER_NAMES } from "./registry";

const names = (r: { run: { name: string }[]; off: { name: string }[] }) => ({
  run: r.run.map((w) => w.name),
  off: r.off.map((w) => w.name),
});

describe("choosing workers", () => {
  it("runs every worker unless switched off", () => {
    expect(WORKER_NAMES).toEqual(["lag", "dlq", "tenant-jobs", "reconcile", "tenant-moves"]);
    expect(names(chooseWorkers({}))).toEqual({
      run: ["lag", "dlq", "tenant-jobs", "reconcile", "tenant-moves"],
      off: [],
    });
    expect(names(chooseWorkers({ SYNCDECK_DLQ_INDEXER: "off" }))).toEqual({
      run: ["lag", "tenant-jobs", "reconcile", "tenant-moves"],
      off: ["dlq"],
    });
  });

  it("runs only the named ones, still honouring their switches", () => {
    expect(names(chooseWorkers({}, ["lag"]))).toEqual({ run: ["lag"], off: [] });
    expect(names(chooseWorkers({ SYNCDECK_LAG_SAMPLER: "off" }, ["lag", "dlq"]))).toEqual({
      run: ["dlq"],
      off: ["lag"],
    });
  });

  it("says what configuration is missing instead of starting nothing silently", () => {
    expect(missingWorkerConfiguration({ KAFKA_BROKERS: "k:9092" })).toBe("DATABASE_URL is not set");
    expect(missingWorkerConfiguration({ DATABASE_URL: "postgresql://x" })).toBe("KAFKA_BROKERS is not set");
    expect(missingWorkerConfiguration({ DATABASE_URL: "postgresql://x", KAFKA_BROKERS: "k:9092" })).toBeNull();
  });
});
