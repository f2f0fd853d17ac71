import { createKafka } from "@/server/kafka/client";
import { startReplayWorker } from "./replay-worker";
import { startDlqIndexer } from "./indexer";

/**
 * The DLQ indexer and the replay worker inside each console replica (see ./indexer.ts and
 * ./replay-worker.ts for why several replicas are safe). SYNCDECK_DLQ_INDEXER=off disables both.
 */
export function startConsoleDlqWork(env: NodeJS.ProcessEnv = process.env): void {
  if (env.SYNCDECK_DLQ_INDEXER === "off" || !env.DATABASE_URL || !env.KAFKA_BROKERS) return;
  const kafka = createKafka({ ...env, KAFKA_CLIENT_ID: "syncdeck-dlq" });
  const indexer = startDlqIndexer({ kafka, databaseUrl: env.DATABASE_URL });
  const worker = startReplayWorker({ kafka, databaseUrl: env.DATABASE_URL });
  process.once("SIGTERM", () => void Promise.all([indexer.stop(), worker.stop()]));
}
