import { getPrisma } from "../../db/client";
import { startTenantJobWorker } from "./worker";

/** The tenant-job worker of a console or worker process; started through server/workers/registry.ts. */
export function startConsoleTenantJobs(env: NodeJS.ProcessEnv = process.env): { stop(): Promise<void> } {
  const worker = startTenantJobWorker({ db: getPrisma(), env, log: (line) => console.log(`[tenant-jobs] ${line}`) });
  return { stop: () => worker.stop() };
}
