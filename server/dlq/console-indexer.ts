import { createKafka } from "@/lib/kafka/client";
import { processLogger } from "@/lib/log/logger";
import { startReplayWorker } from "./replay-worker";
import { startDlqIndexer } from "./indexer";

/**
 * The DLQ indexer and the replay worker of a console or worker process (see ./indexer.ts and
 * ./replay-worker.ts for why several replicas are safe). Started through server/workers/registry.ts.
 */
export function startConsoleDlqWork(env: NodeJS.ProcessEnv = process.env): { stop(): Promise<void> } {
  const kafka = createKafka({ ...env, KAFKA_CLIENT_ID: "syncdeck-dlq" });
  const logger = processLogger().child({ worker: "dlq" });
  const indexer = startDlqIndexer({ kafka, databaseUrl: env.DATABASE_URL!, log: (line, level = "info") => logger[level](line) });
  const worker = startReplayWorker({ kafka, databaseUrl: env.DATABASE_URL! });
  return { stop: async () => void (await Promise.all([indexer.stop(), worker.stop()])) };
}
