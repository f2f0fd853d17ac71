import "server-only";
import pg from "pg";
import { z } from "zod";
import type { Viewer } from "@/server/auth/access";
import type { RequestContext } from "@/server/audit/record-audit";
import { auditExternalAction } from "@/server/audit/record-external";
import { tenantPlatform } from "@/server/clusters/tenant-platform";
import type { ConnectClient, ConnectorStatus } from "@/server/connect/connect-client";
import { connectorName, slotName } from "@/lib/connect/connector-config";
import { AppError } from "@/server/errors";
import { traceHeadline, summarizeTrace, type TraceSummary } from "./connect-trace";
import { classifyFreshness, type Freshness } from "./freshness";
import { snapshotProgress, type SnapshotProgress } from "./snapshot-progress";
import type { Tenant } from "@/server/auth/resolve-tenant";

export type TaskView = {
  id: number;
  state: string;
  workerId: string;
  trace: string | null;
  summary: TraceSummary | null;
};

export type ConnectorView = {
  name: string;
  /** Connect's state; MISSING when no such connector is registered, UNREACHABLE when Connect does not answer */
  state: string;
  workerId: string | null;
  trace: string | null;
  summary: TraceSummary | null;
  /** one line for the graph's tooltip */
  reason: string | null;
  tasks: TaskView[];
  freshness: Freshness;
  snapshot: SnapshotProgress | null;
  lastEventAt: string | null;
};

type SourceFacts = { pendingWalBytes: number | null; sourceRows: number | null };
const SOURCE_TIMEOUT_MS = 2_000;
const IDENTIFIER = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;

/**
 * What only the source database knows: WAL written past the slot's confirmed position (idle vs
 * behind) and, while a snapshot runs, the included tables' row count. Uses the connector's own
 * connection settings; any failure means "unknown", never a wrong number.
 */
async function sourceFacts(
  config: Record<string, string>,
  tenant: string,
  snapshotting: boolean,
): Promise<SourceFacts> {
  const client = new pg.Client({
    host: config["database.hostname"],
    port: Number(config["database.port"] ?? 5432),
    user: config["database.user"],
    password: config["database.password"],
    database: config["database.dbname"],
    connectionTimeoutMillis: SOURCE_TIMEOUT_MS,
    statement_timeout: SOURCE_TIMEOUT_MS,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    const slot = config["slot.name"] ?? slotName(tenant);
    const wal = await client.query<{ pending: number | null }>(
      "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::float8 AS pending FROM pg_replication_slots WHERE slot_name = $1",
      [slot],
    );
    let sourceRows: number | null = null;
    if (snapshotting) {
      const tables = (config["table.include.list"] ?? "")
        .split(",")
        .map((t) => t.trim())
        .filter((t) => IDENTIFIER.test(t));
      sourceRows = 0;
      for (const table of tables)
        sourceRows += Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n ?? 0);
    }
    return { pendingWalBytes: wal.rows[0]?.pending ?? null, sourceRows };
  } catch {
    return { pendingWalBytes: null, sourceRows: null };
  } finally {
    await client.end().catch(() => {});
  }
}

function unavailable(name: string, state: string, reason: string): ConnectorView {
  return {
    name,
    state,
    workerId: null,
    trace: null,
    summary: null,
    reason,
    tasks: [],
    snapshot: null,
    lastEventAt: null,
    freshness: { kind: "unknown", ageSeconds: null, label: reason },
  };
}

export type ConnectorFacts = { capturePerSecond: number | null; cdcMessages: number };

/** The tenant's CDC connector as Connect reports it, with freshness and snapshot progress. */
export async function readConnector(
  client: ConnectClient,
  tenant: string,
  facts: ConnectorFacts,
  nowMs = Date.now(),
): Promise<ConnectorView> {
  const name = connectorName(tenant);
  let status: ConnectorStatus;
  try {
    status = await client.getStatus(name);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND")
      return unavailable(name, "MISSING", "no connector is registered for this tenant");
    return unavailable(name, "UNREACHABLE", (error as Error).message);
  }
  const [config, offsets] = await Promise.all([
    client.getConfig(name).catch(() => null),
    client.getOffsets(name).catch(() => []),
  ]);
  const offset = offsets[0]?.offset ?? null;
  const tsUsec = Number(offset?.ts_usec);
  const lastEventAtMs = Number.isFinite(tsUsec) && tsUsec > 0 ? tsUsec / 1000 : null;
  const snapshotting = snapshotProgress(offset, facts.cdcMessages, null).running;
  const source = config ? await sourceFacts(config, tenant, snapshotting) : { pendingWalBytes: null, sourceRows: null };
  const tasks = status.tasks.map((t): TaskView => ({
    id: t.id,
    state: t.state,
    workerId: t.workerId,
    trace: t.trace ?? null,
    summary: summarizeTrace(t.trace),
  }));
  const failing = status.connector.trace ?? status.tasks.find((t) => t.trace)?.trace;
  return {
    name,
    state: status.connector.state,
    workerId: status.connector.workerId,
    trace: status.connector.trace ?? null,
    summary: summarizeTrace(status.connector.trace),
    reason: traceHeadline(failing),
    tasks,
    freshness: classifyFreshness({
      nowMs,
      lastEventAtMs,
      pendingWalBytes: source.pendingWalBytes,
      capturePerSecond: facts.capturePerSecond,
      connectorRunning:
        status.connector.state === "RUNNING" && tasks.length > 0 && tasks.every((t) => t.state === "RUNNING"),
    }),
    snapshot: snapshotting ? snapshotProgress(offset, facts.cdcMessages, source.sourceRows) : null,
    lastEventAt: lastEventAtMs === null ? null : new Date(lastEventAtMs).toISOString(),
  };
}

export const connectorActionInput = z.discriminatedUnion("action", [
  z.object({ action: z.enum(["pause", "resume", "restart"]) }).strict(),
  z.object({ action: z.literal("restart-task"), taskId: z.number().int().min(0).max(1_000) }).strict(),
]);
export type ConnectorAction = z.infer<typeof connectorActionInput>;

/**
 * Pause, resume or restart the tenant's connector (restart includes its failed tasks), or restart
 * one task, in a tenant resolved for the viewer with connector.manage; audited as requested (with the
 * state before), then succeeded or failed.
 */
export async function manageConnector(
  viewer: Viewer,
  context: RequestContext,
  tenant: Tenant,
  input: unknown,
  given?: ConnectClient,
) {
  const client = given ?? (await tenantPlatform(tenant)).connect();
  const action = connectorActionInput.parse(input);
  const name = connectorName(tenant.slug);
  const before = await client.getStatus(name);
  if (action.action === "restart-task") {
    const { taskId } = action;
    if (!before.tasks.some((t) => t.id === taskId))
      throw new AppError("NOT_FOUND", `Connector ${name} has no task ${taskId}`);
  }
  // Connect is not our database: the request is recorded before it is sent, its outcome after.
  await auditExternalAction(
    viewer,
    context,
    {
      action: `connector.${action.action}`,
      target: action.action === "restart-task" ? `${name}/tasks/${action.taskId}` : name,
      tenantId: tenant.id,
      before: { connector: before.connector.state, tasks: before.tasks.map((t) => ({ id: t.id, state: t.state })) },
      after: action,
    },
    async () => {
      if (action.action === "pause") await client.pause(name);
      else if (action.action === "resume") await client.resume(name);
      else if (action.action === "restart") await client.restart(name, { includeTasks: true, onlyFailed: true });
      else if (action.action === "restart-task") await client.restartTask(name, action.taskId);
    },
  );
  return { connector: name, action: action.action, requested: true };
}
