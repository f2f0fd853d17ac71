import { getPrisma } from "../../db/client";
import { processLogger } from "@/lib/log/logger";
import { startTenantJobWorker } from "./worker";

/** The tenant-job worker of a console or worker process; started through server/workers/registry.ts. */
export function startConsoleTenantJobs(env: NodeJS.ProcessEnv = process.env): { stop(): Promise<void> } {
  const logger = processLogger().child({ worker: "tenant-jobs" });
  const worker = startTenantJobWorker({ db: getPrisma(), env, log: (line) => logger.info(line) });
  return { stop: () => worker.stop() };
}
