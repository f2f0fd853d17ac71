/**
 * Starts the background workers when a Next.js server starts (Node.js runtime only), unless each is
 * switched off: `syncdeck console` switches them all off unless --with-workers, so that
 * `syncdeck worker` runs them instead. Missing configuration is said, not silently skipped.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before any request is served: route handlers learn the connection's address (client-address.ts),
  // and a malformed proxy setting stops the start instead of failing sign-ins later.
  const { stampPeerAddress } = await import("./server/http/peer-address");
  stampPeerAddress();
  const { proxyTrustFromEnv } = await import("./server/auth/client-address");
  proxyTrustFromEnv();
  // The console's JSON log (component "console"); a wrong LOG_LEVEL stops the start here.
  const { processLogger } = await import("./lib/log/logger");
  const logger = processLogger();
  const { chooseWorkers, missingWorkerConfiguration, startWorkers } = await import("./server/workers/registry");
  const { run } = chooseWorkers(process.env);
  if (run.length === 0) return;
  const names = run.map((w) => w.name);
  const missing = missingWorkerConfiguration(process.env);
  if (missing) {
    logger.error({ workers: names }, `workers not started (${names.join(", ")}): ${missing}`);
    return;
  }
  const workers = startWorkers(process.env, run);
  logger.info({ workers: names }, `workers running: ${names.join(", ")}`);
  process.once(
    "SIGTERM",
    () => void workers.stop().catch((error: unknown) => logger.error({ err: error }, "workers failed to stop")),
  );
}
