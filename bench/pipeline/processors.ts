/** The update-processors under test (real child processes), and waiting until they applied everything. */
import fs from "node:fs";
import path from "node:path";
import type { Admin } from "kafkajs";
import { retryRetriable } from "@/lib/kafka/client";
import { consumerGroup, tenantTopics } from "@/lib/contract/topics";
import { REPO_ROOT } from "../../scripts/stack/maven";
import { spawnManaged, tailLines, type ManagedProcess } from "../../scripts/stack/process";
import { compiledProcessor } from "../processor-program";
import { fmt, load, PROCESSOR_NODE_ARGS, sleep } from "./config";

export function startUpdateProcessors(
  tenant: string,
  count: number,
  env: NodeJS.ProcessEnv,
  logDir: string,
): ManagedProcess[] {
  return Array.from({ length: count }, (_, i) =>
    spawnManaged(
      process.execPath,
      [
        ...PROCESSOR_NODE_ARGS,
        ...compiledProcessor("update-processor"),
        "--tenant",
        tenant,
        "--instance-id",
        `${tenant}-bench-${i + 1}`,
      ],
      {
        cwd: REPO_ROOT,
        env,
        outputFile: path.join(logDir, `update-processor-${tenant}-${i + 1}.log`),
      },
    ),
  );
}

export async function stopAll(processors: ManagedProcess[]): Promise<void> {
  await Promise.all(processors.map((p) => p.stop(20_000)));
}

/** Messages the group has not committed yet on the tenant's updates topic. */
async function remaining(admin: Admin, tenant: string): Promise<number> {
  const topic = tenantTopics(tenant).updates;
  const [ends, committed] = await Promise.all([
    retryRetriable(() => admin.fetchTopicOffsets(topic)),
    retryRetriable(() => admin.fetchOffsets({ groupId: consumerGroup(tenant, "update-processor"), topics: [topic] })),
  ]);
  const done = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  return ends.reduce((sum, p) => sum + Number(p.high) - Math.max(0, done.get(p.partition) ?? 0), 0);
}

export async function waitDrained(
  admin: Admin,
  tenant: string,
  processors: ManagedProcess[],
  logDir: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastReport = Date.now();
  for (;;) {
    const left = await remaining(admin, tenant);
    if (left === 0) return;
    const dead = processors.find((p) => p.hasExited());
    if (dead) throw new Error(`an update-processor exited early; log tail:\n${newestLogTail(logDir)}`);
    if (Date.now() > deadline)
      throw new Error(`timed out with ${left} message(s) unapplied; log tail:\n${newestLogTail(logDir)}`);
    if (Date.now() - lastReport > 10_000) {
      console.log(`  … ${fmt(left)} left (${load()})`);
      lastReport = Date.now();
    }
    await sleep(200);
  }
}

function newestLogTail(logDir: string): string {
  return fs
    .readdirSync(logDir)
    .map((f) => `${f}:\n${tailLines(path.join(logDir, f), 15).join("\n")}`)
    .join("\n");
}
