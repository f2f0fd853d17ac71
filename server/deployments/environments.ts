/**
 * Environments as data: add, list and remove, each change audited in its own transaction. Used by
 * the `syncdeck environment` command.
 */
import "server-only";
import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import { newAgentToken } from "./agent-token";
import { settingsProblem, type EnvironmentChange, type NewEnvironment } from "./environment-input";

export type EnvironmentRow = {
  id: string;
  title: string;
  driver: string;
  settings: Record<string, string>;
  protected: boolean;
  agentSeenAt: Date | null;
  /** whether an agent token exists (only its hash is kept), and when it was made */
  agentTokenSet: boolean;
  agentTokenCreatedAt: Date | null;
  agentConnectedAt: Date | null;
  deployments: number;
};

type Audit = (
  tx: Prisma.TransactionClient,
  entry: { action: string; target: string; before?: object; after?: object },
) => Promise<void>;

export class EnvironmentConflict extends Error {}
export class EnvironmentNotFound extends Error {}
export class EnvironmentInvalid extends Error {}

/** Adds the environment with a new agent token; returns the token, which exists nowhere else (only its hash is stored). */
export async function addEnvironment(
  db: PrismaClient,
  input: NewEnvironment,
  audit: Audit,
): Promise<{ agentToken: string }> {
  const { token, hash } = newAgentToken();
  await db.$transaction(async (tx) => {
    if (await tx.environment.findUnique({ where: { id: input.id }, select: { id: true } })) {
      throw new EnvironmentConflict(`environment ${input.id} exists already`);
    }
    const after = {
      id: input.id,
      name: input.title,
      driver: input.driver,
      settings: input.settings,
      protected: input.protected,
    };
    const agentTokenCreatedAt = new Date();
    await tx.environment.create({ data: { ...after, agentTokenHash: hash, agentTokenCreatedAt } });
    // Neither the token nor its hash in the audit log: that a token was made, and when, is enough.
    await audit(tx, {
      action: "environment.create",
      target: `environment:${input.id}`,
      after: { ...after, agentTokenCreatedAt: agentTokenCreatedAt.toISOString() },
    });
  });
  return { agentToken: token };
}

/** Replaces the environment's agent token (a running agent keeps running; the next start needs the new one). */
export async function rotateAgentToken(db: PrismaClient, id: string, audit: Audit): Promise<{ agentToken: string }> {
  const { token, hash } = newAgentToken();
  await db.$transaction(async (tx) => {
    const existing = await tx.environment.findUnique({ where: { id }, select: { agentTokenCreatedAt: true } });
    if (!existing) throw new EnvironmentNotFound(`there is no environment ${id}`);
    const agentTokenCreatedAt = new Date();
    await tx.environment.update({ where: { id }, data: { agentTokenHash: hash, agentTokenCreatedAt } });
    await audit(tx, {
      action: "environment.agent_token.rotate",
      target: `environment:${id}`,
      before: { agentTokenCreatedAt: existing.agentTokenCreatedAt?.toISOString() ?? null },
      after: { agentTokenCreatedAt: agentTokenCreatedAt.toISOString() },
    });
  });
  return { agentToken: token };
}

export async function listEnvironments(db: PrismaClient): Promise<EnvironmentRow[]> {
  const rows = await db.environment.findMany({
    orderBy: { id: "asc" },
    include: { _count: { select: { deployments: true } } },
  });
  return rows.map((e) => ({
    id: e.id,
    title: e.name,
    driver: e.driver,
    settings: (e.settings ?? {}) as Record<string, string>,
    protected: e.protected,
    agentSeenAt: e.agentSeenAt,
    agentTokenSet: e.agentTokenHash !== null,
    agentTokenCreatedAt: e.agentTokenCreatedAt,
    agentConnectedAt: e.agentConnectedAt,
    deployments: e._count.deployments,
  }));
}

/** Changes an environment's title, protection or driver settings, audited with before and after. */
export async function updateEnvironment(
  db: PrismaClient,
  id: string,
  change: EnvironmentChange,
  audit: Audit,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const existing = await tx.environment.findUnique({ where: { id } });
    if (!existing) throw new EnvironmentNotFound(`there is no environment ${id}`);
    if (change.settings) {
      const problem = settingsProblem(existing.driver, change.settings);
      if (problem) throw new EnvironmentInvalid(problem);
    }
    const before = { name: existing.name, protected: existing.protected, settings: existing.settings as object };
    const after = {
      name: change.title ?? existing.name,
      protected: change.protected ?? existing.protected,
      settings: change.settings ?? (existing.settings as object),
    };
    await tx.environment.update({ where: { id }, data: after });
    await audit(tx, { action: "environment.update", target: `environment:${id}`, before, after });
  });
}

/**
 * Removes an environment that never had a deployment. One that had keeps its rows: its deployment
 * history is part of the audit trail, and its processors may still run.
 */
export async function removeEnvironment(db: PrismaClient, id: string, audit: Audit): Promise<void> {
  await db.$transaction(async (tx) => {
    const existing = await tx.environment.findUnique({
      where: { id },
      include: { _count: { select: { deployments: true } } },
    });
    if (!existing) throw new EnvironmentNotFound(`there is no environment ${id}`);
    if (existing._count.deployments > 0) {
      throw new EnvironmentConflict(
        `environment ${id} has ${existing._count.deployments} deployment revision(s); its history stays, so it cannot be removed (stop its processors instead)`,
      );
    }
    await tx.environment.delete({ where: { id } });
    await audit(tx, {
      action: "environment.remove",
      target: `environment:${id}`,
      before: { id, name: existing.name, driver: existing.driver, protected: existing.protected },
    });
  });
}
