/** Starts the console's background work when a Next.js server starts (Node.js runtime only). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before any request is served: route handlers learn the connection's address (client-address.ts),
  // and a malformed proxy setting stops the start instead of failing sign-ins later.
  const { stampPeerAddress } = await import("./server/http/peer-address");
  stampPeerAddress();
  const { proxyTrustFromEnv } = await import("./server/auth/client-address");
  proxyTrustFromEnv();
  const { startConsoleLagSampler } = await import("./server/lag/console-sampler");
  startConsoleLagSampler();
  const { startConsoleDlqWork } = await import("./server/dlq/console-indexer");
  startConsoleDlqWork();
  const { startConsoleTenantJobs } = await import("./server/tenants/jobs/console-worker");
  startConsoleTenantJobs();
}
