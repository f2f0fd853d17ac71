/**
 * The `local` environment's driver (server/deployments/driver.ts): each processor instance is a
 * supervised child process on this host — output to a log file per instance, a crash restarts it
 * with backoff, a scale-down or stop ends it with SIGTERM (it finishes its batch and commits).
 */
import fs from "node:fs";
import path from "node:path";
import type { EnvironmentDriver, InstanceReport, TargetKey, TargetSpec } from "../../server/deployments/driver";
import { REPO_ROOT } from "./maven";
import { spawnManaged, tailLines, type ManagedProcess } from "./process";
import { restartDelay } from "./restart-backoff";

const GRACE_MS = 20_000;
const LOG_TAIL_LINES = 200;

type Slot = {
  target: TargetKey;
  replica: number;
  instanceId: string;
  spec: TargetSpec;
  process: ManagedProcess | null;
  startedAt: Date | null;
  crashes: number;
  restarts: number;
  lastExit: string | null;
  lastExitAt: Date | null;
  wanted: boolean;
  /** where the instance serves /metrics (on loopback); null when off */
  metricsPort: number | null;
  timer?: NodeJS.Timeout;
};

export type LocalDriver = EnvironmentDriver & {
  /** the running instances' metrics ports, for the agent to serve them as one (agent-metrics.ts) */
  metricsTargets(): Array<{ instanceId: string; port: number }>;
};

export function instanceIdOf(environmentId: string, target: TargetKey, replica: number): string {
  return `${target.tenant}.${target.stage}.${environmentId}.${replica}`;
}

export function createLocalDriver(options: {
  environmentId: string;
  env: NodeJS.ProcessEnv;
  logDir: string;
  log?: (line: string) => void;
  /**
   * node's arguments that run a stage (before `--tenant … --instance-id …`). Default: the stage's
   * TypeScript entry point through tsx, for the demo and tests from a checkout; `syncdeck agent`
   * runs the compiled command instead (`dist/syncdeck.cjs processor <stage>`).
   */
  program?: (stage: string) => string[];
  /** working directory of the processes (default: the repository) */
  cwd?: string;
  /**
   * Instances serve /metrics on loopback at this port + 1, + 2, … (one port per slot, kept across
   * restarts); null or absent: no metrics (the agent's own SYNCDECK_METRICS_PORT is not passed on).
   */
  metricsPortBase?: number | null;
}): LocalDriver {
  const log = options.log ?? (() => {});
  const program =
    options.program ?? ((stage: string) => ["--import", "tsx", path.join(REPO_ROOT, `pipeline/${stage}/index.ts`)]);
  const cwd = options.cwd ?? REPO_ROOT;
  fs.mkdirSync(options.logDir, { recursive: true });
  const slots = new Map<string, Slot[]>();
  const queues = new Map<string, Promise<void>>();
  let closing = false;

  const logFile = (slot: Slot) =>
    path.join(options.logDir, `${slot.target.stage}-${slot.target.tenant}-${slot.replica}.log`);

  /** a tenant's own processor, or a pool's serving the tenants placed in it (kept current as it runs) */
  const served = (slot: Slot) =>
    slot.spec.tenants
      ? ["--pool", slot.target.tenant, "--tenants", slot.spec.tenants.join(","), "--refresh-members"]
      : ["--tenant", slot.target.tenant];

  const launch = (slot: Slot) => {
    const { tenant, stage } = slot.target;
    const startedAt = Date.now();
    const child = spawnManaged(
      process.execPath,
      [...program(stage), ...served(slot), "--instance-id", slot.instanceId],
      {
        cwd,
        env: {
          ...options.env,
          ...slot.spec.config,
          PROCESSOR_VERSION: slot.spec.version,
          SYNCDECK_METRICS_PORT: String(slot.metricsPort ?? 0),
          SYNCDECK_METRICS_HOST: "127.0.0.1",
        },
        outputFile: logFile(slot),
      },
    );
    slot.process = child;
    slot.startedAt = new Date(startedAt);
    void child.exited.then((how) => {
      if (slot.process !== child) return;
      slot.process = null;
      if (closing || !slot.wanted) return;
      const next = restartDelay(slot.crashes, Date.now() - startedAt);
      slot.crashes = next.consecutiveCrashes;
      slot.lastExit = how;
      slot.lastExitAt = new Date();
      log(`${stage} of ${tenant} (${slot.instanceId}) exited (${how}); restarting in ${next.delayMs / 1000} s`);
      slot.timer = setTimeout(() => {
        if (closing || !slot.wanted) return;
        slot.restarts += 1;
        launch(slot);
      }, next.delayMs);
    });
  };

  const halt = async (slot: Slot) => {
    slot.wanted = false;
    clearTimeout(slot.timer);
    await slot.process?.stop(GRACE_MS);
  };

  /** the lowest port above the base no slot holds */
  const nextMetricsPort = (): number | null => {
    if (!options.metricsPortBase) return null;
    const taken = new Set([...slots.values()].flat().map((s) => s.metricsPort));
    let port = options.metricsPortBase + 1;
    while (taken.has(port)) port += 1;
    return port;
  };

  const converge = async (target: TargetKey, spec: TargetSpec, restart: boolean) => {
    const key = `${target.tenant}/${target.stage}`;
    const current = slots.get(key) ?? [];
    // a pool nobody is placed in yet runs no processor (it would have no tenant to serve)
    const replicas = spec.tenants?.length === 0 ? 0 : spec.replicas;
    const keep = current.filter((s) => s.replica <= replicas);
    await Promise.all(current.filter((s) => s.replica > replicas).map(halt));
    slots.set(key, keep);
    for (let replica = 1; replica <= replicas; replica++) {
      if (closing) return;
      const existing = keep.find((s) => s.replica === replica);
      if (!existing) {
        const slot: Slot = {
          target: { tenant: target.tenant, stage: target.stage },
          replica,
          instanceId: instanceIdOf(options.environmentId, target, replica),
          spec,
          process: null,
          startedAt: null,
          crashes: 0,
          restarts: 0,
          lastExit: null,
          lastExitAt: null,
          wanted: true,
          metricsPort: nextMetricsPort(),
        };
        keep.push(slot);
        launch(slot);
        continue;
      }
      const changed =
        existing.spec.version !== spec.version ||
        JSON.stringify(existing.spec.config) !== JSON.stringify(spec.config) ||
        JSON.stringify(existing.spec.tenants) !== JSON.stringify(spec.tenants);
      const wasRunning = existing.wanted;
      existing.spec = spec;
      if (!restart && !changed && wasRunning) continue;
      // replaced one at a time, so the group keeps its other members while this one restarts
      await halt(existing);
      Object.assign(existing, { wanted: true, crashes: 0, lastExit: null, lastExitAt: null });
      launch(existing);
    }
  };

  return {
    apply(target, spec, applyOptions) {
      const key = `${target.tenant}/${target.stage}`;
      const run = (queues.get(key) ?? Promise.resolve()).then(() =>
        converge(target, spec, applyOptions?.restart ?? false),
      );
      queues.set(
        key,
        run.catch(() => {}),
      );
      return run;
    },
    observe(): InstanceReport[] {
      return [...slots.values()].flat().map((slot) => ({
        ...slot.target,
        instanceId: slot.instanceId,
        replica: slot.replica,
        revision: slot.spec.revision,
        state: slot.process ? "running" : slot.wanted ? "restarting" : "stopped",
        pid: slot.process?.pid ?? null,
        restarts: slot.restarts,
        startedAt: slot.process ? slot.startedAt : null,
        lastExit: slot.lastExit,
        lastExitAt: slot.lastExitAt,
        logTail: tailLines(logFile(slot), LOG_TAIL_LINES).join("\n"),
      }));
    },
    metricsTargets() {
      return [...slots.values()]
        .flat()
        .flatMap((slot) =>
          slot.process && slot.metricsPort !== null ? [{ instanceId: slot.instanceId, port: slot.metricsPort }] : [],
        );
    },
    async close() {
      closing = true;
      const all = [...slots.values()].flat();
      for (const slot of all) {
        slot.wanted = false;
        clearTimeout(slot.timer);
      }
      await Promise.all(all.map((slot) => slot.process?.stop(GRACE_MS)));
    },
  };
}
