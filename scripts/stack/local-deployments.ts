/**
 * The demo's processors run as deployments of the `local` environment: the environment row, a
 * first deployment (1 replica) of each stage of the demo's pool (SYNCDECK_DEMO_POOL, serving the demo
 * tenants) and of each tenant kept dedicated (SYNCDECK_DEMO_DEDICATED) — unless the target has one
 * already — and the agent that realizes them through the local driver.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { DEDICATED, processorTargets } from "@/lib/contract/placement";
import { STAGES } from "@/lib/contract/topics";
import { startDeploymentAgent, type DeploymentAgent } from "../../server/deployments/agent";
import { configValue } from "../../server/config/value";
import { PrismaClient } from "../../server/db/generated/client";
import { serveAgentMetrics } from "./agent-metrics";
import { buildCliBundle, bundledProcessor } from "./cli-bundle";
import { createLocalDriver } from "./local-driver";

export const LOCAL_ENVIRONMENT = "local";
/** the demo agent's metrics port (its processors take the next ports), as `syncdeck agent`'s default */
const DEMO_METRICS_PORT = 9465;
const DEMO_REQUESTER = "system@syncdeck.local";

export async function ensureLocalEnvironment(db: PrismaClient): Promise<void> {
  await db.environment.upsert({
    where: { id: LOCAL_ENVIRONMENT },
    create: { id: LOCAL_ENVIRONMENT, name: "Local (this host)", driver: "local", protected: false },
    update: {},
  });
}

/**
 * With `pool`, the demo tenants that have no deployment yet (a fresh database) are placed in it
 * first, except those in `dedicated`; a tenant placed `dedicated` keeps processors of its own.
 * Then each processor target of the demo tenants (processorTargets: a dedicated tenant, or a pool)
 * gets its first deployment.
 */
export async function seedDemoDeployments(
  db: PrismaClient,
  tenants: readonly string[],
  version: string,
  pool: string | null = null,
  dedicated: readonly string[] = [],
): Promise<number> {
  if (pool) {
    const deployed = await db.deployment.findMany({
      where: { environmentId: LOCAL_ENVIRONMENT, tenant: { in: [...tenants] } },
      select: { tenant: true },
      distinct: ["tenant"],
    });
    const fresh = tenants.filter((t) => !dedicated.includes(t) && !deployed.some((d) => d.tenant === t));
    await db.tenant.updateMany({ where: { slug: { in: fresh }, placement: DEDICATED }, data: { placement: pool } });
  }
  const placed = await db.tenant.findMany({
    where: { slug: { in: [...tenants] } },
    select: { slug: true, placement: true },
  });
  let created = 0;
  for (const { name: tenant } of processorTargets(placed)) {
    for (const stage of STAGES) {
      const existing = await db.deployment.count({ where: { environmentId: LOCAL_ENVIRONMENT, tenant, stage } });
      if (existing > 0) continue;
      await db.deployment.create({
        data: {
          environmentId: LOCAL_ENVIRONMENT,
          tenant,
          stage,
          revision: 1,
          action: "deploy",
          version,
          config: {},
          replicas: 1,
          state: "QUEUED",
          reason: "demo pipeline",
          requestedBy: DEMO_REQUESTER,
        },
      });
      created += 1;
    }
  }
  return created;
}

export type LocalDeployments = { started: string[]; db: PrismaClient; agent: DeploymentAgent; stop(): Promise<void> };

export async function startLocalDeployments(options: {
  env: NodeJS.ProcessEnv;
  tenants: readonly string[];
  logDir: string;
  version: string;
  log?: (line: string) => void;
}): Promise<LocalDeployments> {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: options.env.DATABASE_URL! }) });
  try {
    await ensureLocalEnvironment(db);
    await seedDemoDeployments(
      db,
      options.tenants,
      options.version,
      configValue("SYNCDECK_DEMO_POOL", options.env),
      configValue("SYNCDECK_DEMO_DEDICATED", options.env)?.split(",") ?? [],
    );
    const metricsPort = Number(options.env.SYNCDECK_METRICS_PORT || DEMO_METRICS_PORT);
    // The processors run as `syncdeck processor <stage>`, as `syncdeck agent` starts them in production.
    buildCliBundle();
    const driver = createLocalDriver({
      environmentId: LOCAL_ENVIRONMENT,
      env: options.env,
      logDir: options.logDir,
      log: options.log,
      program: bundledProcessor,
      metricsPortBase: metricsPort || null,
    });
    // A port taken on this machine costs the demo its processor metrics, nothing else.
    const metrics = metricsPort
      ? await serveAgentMetrics(
          driver,
          { port: metricsPort, host: "127.0.0.1" },
          options.env.SYNCDECK_METRICS_TOKEN,
        ).catch((error: unknown) => {
          options.log?.(
            `processor metrics off: port ${metricsPort}: ${error instanceof Error ? error.message : String(error)} (set SYNCDECK_METRICS_PORT)`,
          );
          return null;
        })
      : null;
    const agent = await startDeploymentAgent({ db, environmentId: LOCAL_ENVIRONMENT, driver, log: options.log });
    return {
      started: [
        `deployment agent of the ${LOCAL_ENVIRONMENT} environment: processors of ${options.tenants.join(", ")}, run as syncdeck processor (logs in ${options.logDir})`,
        ...(metrics
          ? [
              `processor metrics (all processors): curl ${options.env.SYNCDECK_METRICS_TOKEN ? '-H "Authorization: Bearer $SYNCDECK_METRICS_TOKEN" ' : ""}http://127.0.0.1:${metrics.port}/metrics`,
            ]
          : []),
      ],
      db,
      agent,
      async stop() {
        metrics?.stopping();
        await agent.stop();
        await metrics?.close();
        await db.$disconnect();
      },
    };
  } catch (error) {
    await db.$disconnect();
    throw error;
  }
}
