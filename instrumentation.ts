/** Starts the console's background work when a Next.js server starts (Node.js runtime only). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startConsoleLagSampler } = await import("./server/lag/console-sampler");
  startConsoleLagSampler();
  const { startConsoleDlqWork } = await import("./server/dlq/console-indexer");
  startConsoleDlqWork();
  const { startConsoleTenantJobs } = await import("./server/tenants/jobs/console-worker");
  startConsoleTenantJobs();
  const { startConsoleReconcileWorker } = await import("./server/reconcile/console-worker");
  startConsoleReconcileWorker();
}
