/**
 * The source simulator process: `tsx pipeline/source-simulator/index.ts --tenant acme-health
 * --source-url postgres://… --rate 50 [--fault-rate 0.01] [--burst 5x10s/60s] [--seed 42]
 * [--transaction-size 10]`. Each flag can also come from the environment (SIMULATOR_TENANT,
 * SOURCE_DATABASE_URL, SIMULATOR_RATE, SIMULATOR_FAULT_RATE, SIMULATOR_BURST, SIMULATOR_SEED,
 * SIMULATOR_TRANSACTION_SIZE). One process writes up to ~1,100 changes/s with 10 per
 * transaction, ~4,500/s with 50 (2 cores, local Postgres); the demo needs 50.
 * SIGTERM or SIGINT: the transaction in flight commits, then the process exits 0.
 */
import { parseConfig } from "./config";
import { startSimulator, type SimulatorStats } from "./simulator";

const STATUS_INTERVAL_MS = 10_000;

function statusLine(tenant: string, stats: SimulatorStats): string {
  const seconds = stats.elapsedMs / 1000;
  const rate = seconds > 0 ? (stats.written / seconds).toFixed(1) : "0";
  const kinds = Object.entries(stats.byKind)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
  const failed = stats.failedTransactions
    ? `, ${stats.failedTransactions} failed transactions (last: ${stats.lastError})`
    : "";
  return `[source-simulator ${tenant}] ${stats.written} changes in ${seconds.toFixed(0)} s (${rate}/s), ${stats.faults} faults; ${kinds}${failed}`;
}

async function main(): Promise<void> {
  const config = parseConfig(process.argv.slice(2), process.env);
  const simulator = await startSimulator({
    sourceUrl: config.sourceUrl,
    rate: config.rate,
    faultRate: config.faultRate,
    burst: config.burst,
    seed: config.seed,
    transactionSize: config.transactionSize,
    log: (line) => console.error(`[source-simulator ${config.tenant}] ${line}`),
  });
  console.log(`[source-simulator ${config.tenant}] writing ${config.rate} changes/s (fault rate ${config.faultRate})`);
  const timer = setInterval(() => console.log(statusLine(config.tenant, simulator.stats())), STATUS_INTERVAL_MS);
  const shutdown = async (signal: string) => {
    clearInterval(timer);
    const stats = await simulator.stop();
    console.log(`${statusLine(config.tenant, stats)}; stopped on ${signal}`);
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(`[source-simulator] ${(error as Error).message}`);
  process.exit(1);
});
