import "server-only";
import { disconnectPrisma, getPrisma } from "@/server/db/client";
import type { PrismaClient } from "@/server/db/generated/client";

/** Runs work with the process's Prisma client and closes its pool afterwards, so the command exits. */
export async function withDatabase<T>(work: (db: PrismaClient) => Promise<T>): Promise<T> {
  try {
    return await work(getPrisma());
  } finally {
    await disconnectPrisma();
  }
}
