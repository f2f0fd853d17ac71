/**
 * A Kafka cluster of its own for a test file, independent of the integration setup's broker: one
 * KRaft node on free ports, with its own data folder, that can be stopped and started again on the
 * same ports with its data (topics, committed offsets) — a second (third, …) cluster for tests of
 * what the console does with several, and of one going away.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startKafka, type RunningKafka } from "../../scripts/stack/kafka";

export type TestKafkaCluster = {
  /** `127.0.0.1:<port>`: the same across restarts */
  brokers: string;
  /** stops the broker (controlled shutdown); idempotent */
  stop(): Promise<void>;
  /** starts it again on the same ports with its data; resolves when it answers */
  start(): Promise<void>;
  /** stops it and deletes its data */
  remove(): Promise<void>;
};

export async function startTestKafkaCluster(name: string): Promise<TestKafkaCluster> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `syncdeck-${name}-`));
  let running: RunningKafka | null = await startKafka({ dataDir });
  const { port, controllerPort, brokers } = running;
  return {
    brokers,
    async stop() {
      const current = running;
      running = null;
      await current?.stop();
    },
    async start() {
      if (running) return;
      running = await startKafka({ dataDir, port, controllerPort });
    },
    async remove() {
      const current = running;
      running = null;
      await current?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
