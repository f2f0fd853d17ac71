/**
 * The processors under test, real child processes as production runs them (`syncdeck processor
 * <stage>`, bench/processor-program.ts): pools of POOL_SIZE tenants per stage, or three dedicated ones per
 * tenant; and what they hold in memory (RSS of each process tree, from /proc).
 */
import fs from "node:fs";
import path from "node:path";
import { STAGES, type Stage } from "@/lib/contract/topics";
import { REPO_ROOT } from "../../scripts/stack/maven";
import { spawnManaged, tailLines, type ManagedProcess } from "../../scripts/stack/process";
import { compiledProcessor } from "../processor-program";
import { PROCESSOR_NODE_ARGS, suffix } from "../pipeline/config";
import { processTree } from "../stats";

/** a processor child and the file its output goes to */
export type Processor = ManagedProcess & { log: string };

function spawnStage(
  stage: Stage,
  served: string[],
  instanceId: string,
  env: NodeJS.ProcessEnv,
  logDir: string,
): Processor {
  const log = path.join(logDir, `${instanceId}.log`);
  const child = spawnManaged(
    process.execPath,
    [...PROCESSOR_NODE_ARGS, ...compiledProcessor(stage), ...served, "--instance-id", instanceId],
    { cwd: REPO_ROOT, env, outputFile: log },
  );
  return Object.assign(child, { log });
}

/** ceil(tenants / poolSize) pools, each run by one process per stage. */
export function startPools(tenants: string[], poolSize: number, env: NodeJS.ProcessEnv, logDir: string): Processor[] {
  const processes: Processor[] = [];
  for (let from = 0, i = 1; from < tenants.length; from += poolSize, i++) {
    const pool = `pool-bench-${suffix}-${i}`;
    const served = ["--pool", pool, "--tenants", tenants.slice(from, from + poolSize).join(",")];
    for (const stage of STAGES) processes.push(spawnStage(stage, served, `${pool}.${stage}`, env, logDir));
  }
  return processes;
}

export function startDedicated(tenants: string[], env: NodeJS.ProcessEnv, logDir: string): Processor[] {
  return tenants.flatMap((tenant) =>
    STAGES.map((stage) => spawnStage(stage, ["--tenant", tenant], `${tenant}.${stage}`, env, logDir)),
  );
}

/** Resident memory of the processes and everything below them, in bytes (0 where /proc is missing). */
export function rssBytes(processes: ManagedProcess[]): number {
  let total = 0;
  for (const p of processes)
    for (const pid of processTree(p.pid)) {
      try {
        const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
        total += Number(kb ?? 0) * 1024;
      } catch {
        // exited meanwhile
      }
    }
  return total;
}

/** Samples rssBytes every `everyMs` until stopped; `peak()` is the largest total seen. */
export function rssSampler(processes: ManagedProcess[], everyMs = 2_000) {
  let peak = rssBytes(processes);
  const timer = setInterval(() => (peak = Math.max(peak, rssBytes(processes))), everyMs);
  return {
    peak: () => Math.max(peak, rssBytes(processes)),
    stop: () => clearInterval(timer),
  };
}

/** Throws with their log tails when processors have exited. */
export function assertRunning(processes: Processor[]): void {
  const dead = processes.filter((p) => p.hasExited());
  if (dead.length === 0) return;
  const tails = dead.map((p) => `${path.basename(p.log)}:\n${tailLines(p.log, 8).join("\n")}`).join("\n");
  throw new Error(`${dead.length} processor(s) exited early; log tails:\n${tails}`);
}
