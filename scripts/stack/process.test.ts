import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { logErrorsSince, tailLines } from "./process";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-process-test-"));
afterEach(() => fs.rmSync(path.join(dir, "service.log"), { force: true }));

describe("logErrorsSince", () => {
  it("returns this run's ERROR lines with their exception message, not the stack or an earlier run's errors", () => {
    const file = path.join(dir, "service.log");
    fs.writeFileSync(file, "[2026-01-01 00:00:00,000] ERROR old run failed (x)\n");
    const offset = fs.statSync(file).size;
    fs.appendFileSync(
      file,
      [
        "[2026-01-02 00:00:00,000] INFO starting (kafka.Kafka$)",
        "[2026-01-02 00:00:01,000] ERROR Unable to start acceptor for PLAINTEXT (kafka.network.DataPlaneAcceptor)",
        "org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:9092: Address already in use.",
        "\tat org.apache.kafka.server.ServerSocketFactory.openServerSocket(ServerSocketFactory.java:56)",
        "[2026-01-02 00:00:02,000] FATAL giving up (kafka.Kafka$)",
        "[2026-01-02 00:00:03,000] INFO shut down (kafka.Kafka$)",
        "",
      ].join("\n"),
    );
    expect(logErrorsSince(file, offset)).toEqual([
      "[2026-01-02 00:00:01,000] ERROR Unable to start acceptor for PLAINTEXT (kafka.network.DataPlaneAcceptor)",
      "    org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:9092: Address already in use.",
      "[2026-01-02 00:00:02,000] FATAL giving up (kafka.Kafka$)",
    ]);
    expect(tailLines(file, 1)).toEqual(["[2026-01-02 00:00:03,000] INFO shut down (kafka.Kafka$)"]);
  });

  it("reads from the start when the log was rolled (shorter than the offset) and copes with a missing file", () => {
    const file = path.join(dir, "service.log");
    fs.writeFileSync(file, "[2026-01-02 00:00:01,000] ERROR after rollover (x)\n");
    expect(logErrorsSince(file, 10_000)).toEqual(["[2026-01-02 00:00:01,000] ERROR after rollover (x)"]);
    expect(logErrorsSince(path.join(dir, "missing.log"), 0)).toEqual([]);
  });
});
