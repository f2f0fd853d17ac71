/**
 * What the agent reports besides instances, for drivers that can tell (kubernetes):
 *
 * - each target's status and drift as the platform reports them, written to
 *   deployment_target_states only when they change (a steady environment costs no writes);
 * - the instances' log tails, read from the platform (e.g. the pod log API) every tick for the
 *   targets whose log viewer asked within LOG_FOLLOW_MS, and nothing when nobody looks.
 *
 * The console reads both from the database: it never holds the platform's credentials.
 */
import "server-only";
import type { PrismaClient } from "../db/generated/client";
import type { DriftField, EnvironmentDriver, InstanceReport, TargetKey } from "./driver";

export const LOG_TAIL_LINES = 200;
/** the log viewer polls every few seconds; this long after its last poll the agent stops reading logs */
export const LOG_FOLLOW_MS = 30_000;

type State = { health: string; sync: "Synced" | "OutOfSync"; reason: string; drift: DriftField[] };

const key = (t: TargetKey) => `${t.tenant}/${t.stage}`;
// one key order, whatever the database's JSON kept: an unchanged state must compare equal
const fingerprint = (s: State) =>
  JSON.stringify([s.health, s.sync, s.reason, s.drift.map((f) => [f.path, f.applied, f.live])]);

export function platformReporter(
  db: PrismaClient,
  environmentId: string,
  driver: EnvironmentDriver,
  log: (line: string) => void,
) {
  const written = new Map<string, string>();
  let loaded = false;
  const logs = new Map<string, { logTail: string; logNote: string | null }>();

  async function writeStates(): Promise<void> {
    if (!driver.status) return;
    if (!loaded) {
      for (const row of await db.deploymentTargetState.findMany({ where: { environmentId } }))
        written.set(
          key(row),
          fingerprint({ ...row, sync: row.sync as State["sync"], drift: row.drift as DriftField[] }),
        );
      loaded = true;
    }
    const targets = await db.deployment.findMany({
      where: { environmentId, state: { in: ["ROLLING_OUT", "SUCCEEDED", "FAILED"] } },
      distinct: ["tenant", "stage"],
      select: { tenant: true, stage: true },
    });
    const changed: Array<{ target: TargetKey; state: State; print: string }> = [];
    for (const target of targets) {
      const status = driver.status(target);
      if (!status) continue; // the driver does not know yet: keep what was last written
      const drift = (driver.drift?.(target) ?? []).map(({ path, applied, live }) => ({ path, applied, live }));
      const state: State = {
        health: status.health,
        sync: drift.length > 0 ? "OutOfSync" : "Synced",
        reason: status.reason,
        drift,
      };
      const print = fingerprint(state);
      if (written.get(key(target)) !== print) changed.push({ target, state, print });
    }
    if (changed.length === 0) return;
    const observedAt = new Date();
    await db.$transaction(
      changed.map(({ target, state }) => {
        const row = { ...state, observedAt };
        return db.deploymentTargetState.upsert({
          where: { environmentId_tenant_stage: { environmentId, ...target } },
          create: { environmentId, ...target, ...row },
          update: row,
        });
      }),
    );
    for (const { target, print } of changed) written.set(key(target), print);
  }

  let reading: Promise<void> | null = null;
  /**
   * Starts reading the asked-for logs unless a read is still running, and does not wait for it: a
   * slow pod log API (a kubelet far away) must not delay the tick, whose silence would make every
   * target Unknown. What it reads goes out with the next report.
   */
  function refreshLogs(now: Date): void {
    if (!driver.logs || reading) return;
    reading = readLogs(now)
      .catch((error: unknown) => log(`reading logs failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        reading = null;
      });
  }

  async function readLogs(now: Date): Promise<void> {
    const asked = await db.deploymentLogRequest.findMany({
      where: { environmentId, requestedAt: { gte: new Date(now.getTime() - LOG_FOLLOW_MS) } },
      select: { tenant: true, stage: true },
    });
    await Promise.all(
      asked.map(async (target) => {
        try {
          for (const entry of await driver.logs!(target, { tailLines: LOG_TAIL_LINES }))
            logs.set(entry.instanceId, {
              logTail: entry.lines.join("\n"),
              logNote: entry.lines.length > 0 ? null : entry.empty,
            });
        } catch (error) {
          log(`reading the logs of ${key(target)} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
    );
  }

  /** the instances with the last log tail read for each (kept after the viewer closes) */
  function withLogs(instances: InstanceReport[]): InstanceReport[] {
    for (const id of logs.keys()) if (!instances.some((i) => i.instanceId === id)) logs.delete(id);
    return instances.map((i) => ({ ...i, ...logs.get(i.instanceId) }));
  }

  return { writeStates, refreshLogs, withLogs };
}
