/**
 * Kafka clusters as data: add, list, change and remove, each change audited in its own
 * transaction; the cluster the environment declares (KAFKA_BROKERS, KAFKA_CONNECT_URL) is written
 * at startup and changes only with those variables. Used by the API, the Admin page and
 * `syncdeck cluster`.
 */
import "server-only";
import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import {
  clusterSecurity,
  connectAuthProblem,
  DEFAULT_CLUSTER_ID,
  type ClusterChange,
  type ClusterSecurity,
  type NewCluster,
} from "./cluster-input";

export type ClusterRow = {
  id: string;
  title: string;
  brokers: string[];
  security: ClusterSecurity;
  connectUrl: string | null;
  connectUsername: string | null;
  connectPasswordSecret: string | null;
  schemaRegistryUrl: string | null;
  /** declared by KAFKA_BROKERS / KAFKA_CONNECT_URL: changed there, not here */
  fromEnvironment: boolean;
  /** environments whose pipelines use it (environments without a cluster use the default one) */
  environments: string[];
  createdAt: Date;
  updatedAt: Date;
};

type Audit = (
  tx: Prisma.TransactionClient,
  entry: { action: string; target: string; before?: object; after?: object },
) => Promise<void>;

export class ClusterConflict extends Error {}
export class ClusterNotFound extends Error {}
export class ClusterInvalid extends Error {}

type Record_ = Prisma.KafkaClusterGetPayload<{ include: { environments: { select: { id: true } } } }>;

function toRow(c: Record_): ClusterRow {
  const security = clusterSecurity.safeParse(c.security);
  return {
    id: c.id,
    title: c.name,
    brokers: c.brokers,
    security: security.success ? security.data : { tls: false },
    connectUrl: c.connectUrl,
    connectUsername: c.connectUsername,
    connectPasswordSecret: c.connectPasswordSecret,
    schemaRegistryUrl: c.schemaRegistryUrl,
    fromEnvironment: c.fromEnvironment,
    environments: c.environments.map((e) => e.id).sort(),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** What the audit log keeps of a cluster: everything but timestamps (it holds no secret, only secret names). */
function audited(c: Omit<ClusterRow, "environments" | "createdAt" | "updatedAt">) {
  return {
    name: c.title,
    brokers: c.brokers,
    security: c.security,
    connectUrl: c.connectUrl,
    connectUsername: c.connectUsername,
    connectPasswordSecret: c.connectPasswordSecret,
    schemaRegistryUrl: c.schemaRegistryUrl,
  };
}

const withEnvironments = { environments: { select: { id: true }, orderBy: { id: "asc" as const } } };

export async function listClusters(db: PrismaClient): Promise<ClusterRow[]> {
  const rows = await db.kafkaCluster.findMany({ orderBy: { id: "asc" }, include: withEnvironments });
  // The default cluster first: it is the one everything without a cluster uses.
  return rows.map(toRow).sort((a, b) => Number(b.fromEnvironment) - Number(a.fromEnvironment));
}

export async function addCluster(db: PrismaClient, input: NewCluster, audit: Audit): Promise<ClusterRow> {
  return db.$transaction(async (tx) => {
    if (await tx.kafkaCluster.findUnique({ where: { id: input.id }, select: { id: true } }))
      throw new ClusterConflict(`cluster ${input.id} exists already`);
    const created = await tx.kafkaCluster.create({
      data: {
        id: input.id,
        name: input.title,
        brokers: input.brokers,
        security: input.security,
        connectUrl: input.connectUrl,
        connectUsername: input.connectUsername,
        connectPasswordSecret: input.connectPasswordSecret,
        schemaRegistryUrl: input.schemaRegistryUrl,
      },
      include: withEnvironments,
    });
    const row = toRow(created);
    await audit(tx, {
      action: "cluster.create",
      target: `cluster:${input.id}`,
      after: { id: row.id, ...audited(row) },
    });
    return row;
  });
}

export async function updateCluster(db: PrismaClient, id: string, change: ClusterChange, audit: Audit): Promise<void> {
  await db.$transaction(async (tx) => {
    const existing = await tx.kafkaCluster.findUnique({ where: { id }, include: withEnvironments });
    if (!existing) throw new ClusterNotFound(`there is no cluster ${id}`);
    if (existing.fromEnvironment)
      throw new ClusterConflict(
        `cluster ${id} is declared by KAFKA_BROKERS and KAFKA_CONNECT_URL; change those where the console runs`,
      );
    const before = toRow(existing);
    const after = {
      ...before,
      title: change.title ?? before.title,
      brokers: change.brokers ?? before.brokers,
      security: change.security ?? before.security,
      connectUrl: change.connectUrl === undefined ? before.connectUrl : change.connectUrl,
      connectUsername: change.connectUsername === undefined ? before.connectUsername : change.connectUsername,
      connectPasswordSecret:
        change.connectPasswordSecret === undefined ? before.connectPasswordSecret : change.connectPasswordSecret,
      schemaRegistryUrl: change.schemaRegistryUrl === undefined ? before.schemaRegistryUrl : change.schemaRegistryUrl,
    };
    const problem = connectAuthProblem(after);
    if (problem) throw new ClusterInvalid(problem);
    await tx.kafkaCluster.update({
      where: { id },
      data: {
        name: after.title,
        brokers: after.brokers,
        security: after.security,
        connectUrl: after.connectUrl,
        connectUsername: after.connectUsername,
        connectPasswordSecret: after.connectPasswordSecret,
        schemaRegistryUrl: after.schemaRegistryUrl,
      },
    });
    await audit(tx, {
      action: "cluster.update",
      target: `cluster:${id}`,
      before: audited(before),
      after: audited(after),
    });
  });
}

/** Removes a cluster no environment uses; the default cluster stays while the environment declares it. */
export async function removeCluster(db: PrismaClient, id: string, audit: Audit): Promise<void> {
  await db.$transaction(async (tx) => {
    const existing = await tx.kafkaCluster.findUnique({ where: { id }, include: withEnvironments });
    if (!existing) throw new ClusterNotFound(`there is no cluster ${id}`);
    if (existing.fromEnvironment)
      throw new ClusterConflict(`cluster ${id} is declared by KAFKA_BROKERS; it cannot be removed`);
    if (existing.environments.length > 0)
      throw new ClusterConflict(
        `cluster ${id} is used by environment(s) ${existing.environments.map((e) => e.id).join(", ")}; move them to another cluster first`,
      );
    await tx.kafkaCluster.delete({ where: { id } });
    await audit(tx, { action: "cluster.remove", target: `cluster:${id}`, before: { id, ...audited(toRow(existing)) } });
  });
}

/** Points an environment at a cluster (null: the default one), audited with before and after. */
export async function assignEnvironmentCluster(
  db: PrismaClient,
  environmentId: string,
  clusterId: string | null,
  audit: Audit,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const environment = await tx.environment.findUnique({
      where: { id: environmentId },
      select: { kafkaClusterId: true },
    });
    if (!environment) throw new ClusterNotFound(`there is no environment ${environmentId}`);
    if (clusterId !== null && !(await tx.kafkaCluster.findUnique({ where: { id: clusterId }, select: { id: true } })))
      throw new ClusterNotFound(`there is no cluster ${clusterId}`);
    await tx.environment.update({ where: { id: environmentId }, data: { kafkaClusterId: clusterId } });
    await audit(tx, {
      action: "environment.cluster",
      target: `environment:${environmentId}`,
      before: { cluster: environment.kafkaClusterId },
      after: { cluster: clusterId },
    });
  });
}

/**
 * Writes the cluster KAFKA_BROKERS / KAFKA_CONNECT_URL declare as the default cluster (at
 * migrate and demo start), so it is listed, environments can name it, and its record follows the
 * variables. Nothing when KAFKA_BROKERS is not set here. Its security settings stay in the
 * KAFKA_SSL* / KAFKA_SASL_* variables and are not copied.
 */
export async function upsertDefaultCluster(
  db: PrismaClient,
  env: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  const brokers = (env.KAFKA_BROKERS ?? "")
    .split(",")
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0) return;
  const connectUrl = env.KAFKA_CONNECT_URL?.trim() || null;
  const fields = { brokers, connectUrl, fromEnvironment: true };
  await db.kafkaCluster.upsert({
    where: { id: DEFAULT_CLUSTER_ID },
    create: { id: DEFAULT_CLUSTER_ID, name: "Default (KAFKA_BROKERS)", ...fields },
    update: fields,
  });
}
