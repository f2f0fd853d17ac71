/**
 * A tenant's Kafka cluster and Kafka Connect, from its environment (environment-env.ts): what the
 * console reads and changes for one tenant — its topics, its connector, its retention, the
 * approval's checks — goes to the cluster its pipeline runs on.
 */
import "server-only";
import type { Admin } from "kafkajs";
import { connectClientFromEnv, type ConnectClient } from "@/server/connect/connect-client";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { clusterAdmin } from "./cluster-admins";
import { environmentEnv } from "./environment-env";

export type TenantPlatform = {
  cluster: string;
  env: Record<string, string | undefined>;
  admin(): Promise<Admin>;
  /** UNAVAILABLE with the reason when the cluster's Connect cannot be used */
  connect(): ConnectClient;
};

export async function tenantPlatform(tenant: { environmentId: string | null }): Promise<TenantPlatform> {
  const target = await environmentEnv(getPrisma(), tenant.environmentId, process.env);
  return {
    cluster: target.cluster,
    env: target.env,
    admin: () => clusterAdmin(target.cluster),
    connect: () => {
      if (target.connectProblem) throw new AppError("UNAVAILABLE", target.connectProblem);
      return connectClientFromEnv(target.env);
    },
  };
}
