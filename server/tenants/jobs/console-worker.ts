import { getPrisma } from "../../db/client";
import { startTenantJobWorker } from "./worker";

/** The tenant-job worker inside each console replica; SYNCDECK_TENANT_JOBS=off disables it. */
export function startConsoleTenantJobs(env: NodeJS.ProcessEnv = process.env): void {
  if (env.SYNCDECK_TENANT_JOBS === "off" || !env.DATABASE_URL || !env.KAFKA_BROKERS) return;
  const worker = startTenantJobWorker({ db: getPrisma(), env, log: (line) => console.log(`[tenant-jobs] ${line}`) });
  process.once("SIGTERM", () => void worker.stop());
}
