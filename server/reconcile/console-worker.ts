import { getPrisma } from "../db/client";
import { startReconcileWorker } from "./worker";

/** The reconciliation worker of a console or worker process; started through server/workers/registry.ts. */
export function startConsoleReconcileWorker(env: NodeJS.ProcessEnv = process.env): { stop(): Promise<void> } {
  const worker = startReconcileWorker({ db: getPrisma(), env, log: (line) => console.log(`[reconcile] ${line}`) });
  return { stop: () => worker.stop() };
}
