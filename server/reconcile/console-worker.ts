import { getPrisma } from "../db/client";
import { startReconcileWorker } from "./worker";

/** The reconciliation worker inside each console replica; SYNCDECK_RECONCILE_WORKER=off disables it. */
export function startConsoleReconcileWorker(env: NodeJS.ProcessEnv = process.env): void {
  if (env.SYNCDECK_RECONCILE_WORKER === "off" || !env.DATABASE_URL) return;
  const worker = startReconcileWorker({ db: getPrisma(), env, log: (line) => console.log(`[reconcile] ${line}`) });
  process.once("SIGTERM", () => void worker.stop());
}
