import { getPrisma } from "../db/client";
import { processLogger } from "@/lib/log/logger";
import { startReconcileWorker } from "./worker";

/** The reconciliation worker of a console or worker process; started through server/workers/registry.ts. */
export function startConsoleReconcileWorker(env: NodeJS.ProcessEnv = process.env): { stop(): Promise<void> } {
  const logger = processLogger().child({ worker: "reconcile" });
  const worker = startReconcileWorker({ db: getPrisma(), env, log: (line) => logger.info(line) });
  return { stop: () => worker.stop() };
}
