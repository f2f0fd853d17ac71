import fs from "node:fs";
import os from "node:os";

/** Percentile by nearest rank over a copy of the samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time in ms: all CPUs of the machine busy, and the listed processes (Linux /proc; null elsewhere). */
export function cpuTimes(pids: readonly number[]): { machineMs: number; processesMs: number } | null {
  try {
    const ticks = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = ticks as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    let processes = 0;
    for (const pid of pids) processes += processCpuTicks(pid);
    return { machineMs: (user + nice + system + irq + softirq + steal) * TICK_MS, processesMs: processes * TICK_MS };
  } catch {
    return null;
  }
}

function processCpuTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]); // utime, stime
  } catch {
    return 0; // exited
  }
}

/** "machine busy 23% of 2 CPUs; this bench 16%, everything else 7%" between two cpuTimes() readings. */
/** `root` and every process below it (Linux /proc; just `root` elsewhere). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  try {
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      } catch {
        // the process ended while the table was read
      }
    }
  } catch {
    return [root];
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i += 1) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

export function describeCpu(
  before: ReturnType<typeof cpuTimes>,
  after: ReturnType<typeof cpuTimes>,
  wallMs: number,
  label = "this bench",
): string {
  if (!before || !after) return "cpu use: not measured on this system";
  const cpus = os.cpus().length;
  const pct = (ms: number) => `${Math.round((100 * ms) / (wallMs * cpus))}%`;
  const machine = after.machineMs - before.machineMs;
  const ours = after.processesMs - before.processesMs;
  return `cpu during the run: machine busy ${pct(machine)} of ${cpus} CPUs; ${label} ${pct(ours)}, everything else ${pct(Math.max(0, machine - ours))}`;
}
