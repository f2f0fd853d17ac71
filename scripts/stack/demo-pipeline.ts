/**
 * The demo's living pipeline: for each demo tenant its topics, its source database with a
 * Debezium connector, a source simulator writing changes, and the processors — so every console
 * view has real data. One tenant writes ~1% faulty changes so retries and the DLQ are never empty.
 */
import path from "node:path";
import { logLevel } from "kafkajs";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { DEMO_TENANTS } from "../../server/auth/demo-users";
import { configValue } from "../../server/config/value";
import { createKafka } from "@/lib/kafka/client";
import { startLocalDeployments, type LocalDeployments } from "./local-deployments";
import { startSourceSide } from "./source-side";

export type DemoPipeline = { started: string[]; processors: LocalDeployments; stop(): Promise<void> };

export const FAULTY_DEMO_TENANT = "globex-care";

export async function startDemoPipeline(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  log: (line: string) => void,
): Promise<DemoPipeline> {
  const connectUrl = env.KAFKA_CONNECT_URL;
  if (!connectUrl) throw new Error("the demo pipeline needs Kafka Connect (KAFKA_CONNECT_URL)");
  const tenants = DEMO_TENANTS.map((t) => t.slug);
  const admin = createKafka(env, { logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    for (const tenant of DEMO_TENANTS) await ensureTenantTopics(admin, tenant.slug, tenant.partitions, env);
  } finally {
    await admin.disconnect();
  }
  const logDir = path.join(dataDir, "logs");
  const rate = configValue("SYNCDECK_DEMO_RATE", env);
  // The source side first: registering connectors is the step that suffers when the processors
  // start at the same moment on a small machine. Processors read their topics from the beginning,
  // so nothing written meanwhile is missed.
  const source = await startSourceSide({
    adminDatabaseUrl: env.DATABASE_URL!,
    connectUrl,
    kafkaEnv: env,
    tenants,
    rate,
    faultyTenant: FAULTY_DEMO_TENANT,
    logDir,
    log,
  });
  let processors: LocalDeployments;
  try {
    processors = await startLocalDeployments({ env, tenants, logDir, log, version: env.npm_package_version ?? "dev" });
  } catch (error) {
    await source.stop();
    throw error;
  }
  return {
    started: [...source.started, ...processors.started],
    processors,
    async stop() {
      // Together: a Ctrl-C or the test runner's SIGTERM reaches the whole process group, and a
      // processor that exits while the simulators are still finishing must not be restarted.
      await Promise.all([source.stop(), processors.stop()]);
    },
  };
}
