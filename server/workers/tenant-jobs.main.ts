/**
 * A standalone tenant-job worker: `tsx --conditions=react-server server/workers/tenant-jobs.main.ts`. The console runs the same
 * worker in each replica (registry.ts); this entry serves a platform that runs provisioning
 * apart from the console, and the fault test that kills it mid-step.
 * Needs DATABASE_URL, KAFKA_BROKERS and KAFKA_CONNECT_URL.
 */
import "server-only";
import { disconnectPrisma, getPrisma } from "@/server/db/client";
import { createLogger, setProcessLogger } from "@/lib/log/logger";
import { startTenantJobWorker } from "./tenant-jobs.worker";

const logger = setProcessLogger(createLogger({ component: "worker", worker: "tenant-jobs" }));
const worker = startTenantJobWorker({ db: getPrisma(), env: process.env, log: (line) => logger.info(line) });
logger.info({ owner: worker.owner }, `worker ${worker.owner} started`);
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    void worker
      .stop()
      .then(disconnectPrisma)
      .then(() => process.exit(0));
  });
}
