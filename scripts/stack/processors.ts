/**
 * Runs the pipeline's processors (cdc, update, retry) of each tenant as supervised child
 * processes: output to a log file per process, a crash restarts it with backoff, stop() ends them
 * with SIGTERM (each finishes its batch and commits) and waits.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { STAGES, type Stage } from "../../pipeline/shared/topics";
import { REPO_ROOT } from "./maven";
import { spawnManaged, type ManagedProcess } from "./process";
import { restartDelay } from "./restart-backoff";

const GRACE_MS = 20_000;

export type ProcessorSpec = { tenant: string; stage: Stage; replica: number };

export type RunningProcessors = {
  started: string[];
  /** Stops one tenant's stage (for tests that need a stage down); `resume` starts it again. */
  pause(tenant: string, stage: Stage): Promise<void>;
  resume(tenant: string, stage: Stage): void;
  /** Process ids of a tenant's stage now running (fault tests signal them directly). */
  pids(tenant: string, stage: Stage): number[];
  stop(): Promise<void>;
};

type Supervised = { spec: ProcessorSpec; process: ManagedProcess | null; crashes: number; wanted: boolean; timer?: NodeJS.Timeout };

export function startProcessors(options: {
  env: NodeJS.ProcessEnv;
  tenants: readonly string[];
  logDir: string;
  stages?: readonly Stage[];
  log?: (line: string) => void;
}): RunningProcessors {
  const log = options.log ?? (() => {});
  fs.mkdirSync(options.logDir, { recursive: true });
  const supervised: Supervised[] = options.tenants.flatMap((tenant) =>
    (options.stages ?? STAGES).map((stage) => ({ spec: { tenant, stage, replica: 1 }, process: null, crashes: 0, wanted: true })),
  );
  let stopping = false;

  const launch = (entry: Supervised) => {
    const { tenant, stage, replica } = entry.spec;
    const instanceId = `${os.hostname()}-${tenant}-${stage}-${replica}`;
    const startedAt = Date.now();
    const child = spawnManaged(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, `pipeline/${stage}/index.ts`), "--tenant", tenant, "--instance-id", instanceId], {
      cwd: REPO_ROOT,
      env: options.env,
      outputFile: path.join(options.logDir, `${stage}-${tenant}-${replica}.log`),
    });
    entry.process = child;
    void child.exited.then((how) => {
      if (entry.process !== child) return;
      entry.process = null;
      if (stopping || !entry.wanted) return;
      const next = restartDelay(entry.crashes, Date.now() - startedAt);
      entry.crashes = next.consecutiveCrashes;
      log(`${stage} of ${tenant} exited (${how}); restarting in ${next.delayMs / 1000} s`);
      entry.timer = setTimeout(() => {
        if (!stopping && entry.wanted) launch(entry);
      }, next.delayMs);
    });
  };

  for (const entry of supervised) launch(entry);
  const find = (tenant: string, stage: Stage) => supervised.filter((e) => e.spec.tenant === tenant && e.spec.stage === stage);
  return {
    started: options.tenants.map((t) => `processors of ${t}: ${(options.stages ?? STAGES).join(", ")} (logs in ${options.logDir})`),
    async pause(tenant, stage) {
      await Promise.all(
        find(tenant, stage).map(async (entry) => {
          entry.wanted = false;
          clearTimeout(entry.timer);
          await entry.process?.stop(GRACE_MS);
        }),
      );
    },
    resume(tenant, stage) {
      for (const entry of find(tenant, stage)) {
        if (entry.wanted) continue;
        entry.wanted = true;
        entry.crashes = 0;
        launch(entry);
      }
    },
    pids: (tenant, stage) => find(tenant, stage).flatMap((entry) => (entry.process && !entry.process.hasExited() ? [entry.process.pid] : [])),
    async stop() {
      stopping = true;
      for (const entry of supervised) clearTimeout(entry.timer);
      await Promise.all(supervised.map((entry) => entry.process?.stop(GRACE_MS)));
    },
  };
}
