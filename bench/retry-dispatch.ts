/**
 * The retry dispatch phase of `npm run bench:pipeline`: how close to its due time the real
 * retry-processor forwards a retry. `failures` retry records are written over `spreadSeconds` the
 * way the update-processor writes them (attempt n into the topic of delay tier n, `sync-due-at` =
 * write time + that delay), round-robin across the tiers and members, while one retry-processor
 * process runs. Dispatch delay per record = the forwarded record's timestamp on the updates topic
 * (set by the retry-processor's producer) − its due time; negative would mean forwarded early.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Admin, Kafka, Producer } from "kafkajs";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { encodeFailureHeaders } from "@/lib/contract/headers";
import { tenantTopics } from "@/lib/contract/topics";
import { REPO_ROOT } from "../scripts/stack/maven";
import { spawnManaged, type ManagedProcess } from "../scripts/stack/process";
import { compiledProcessor } from "./processor-program";
import { percentile } from "./stats";

export type RetryDispatchResult = {
  forwarded: number;
  p50: number;
  p99: number;
  max: number;
  early: number;
  missing: number;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function retryDispatchPhase(deps: {
  kafka: Kafka;
  admin: Admin;
  producer: Producer;
  env: NodeJS.ProcessEnv;
  logDir: string;
  tenant: string;
  partitions: number;
  failures: number;
  delaysMs: readonly number[];
  spreadSeconds: number;
  track: (running: ManagedProcess[]) => void;
}): Promise<RetryDispatchResult> {
  const { tenant, delaysMs } = deps;
  const env = { ...deps.env, RETRY_DELAYS_MS: delaysMs.join(","), RETRY_MAX_ATTEMPTS: String(delaysMs.length + 1) };
  const topics = tenantTopics(tenant);
  await ensureTenantTopics(deps.admin, tenant, deps.partitions, env);
  const processor = spawnManaged(
    process.execPath,
    [...compiledProcessor("retry-processor"), "--tenant", tenant, "--instance-id", `${tenant}-bench`],
    {
      cwd: REPO_ROOT,
      env,
      outputFile: path.join(deps.logDir, `retry-processor-${tenant}.log`),
    },
  );
  deps.track([processor]);
  const dueAt = new Map<string, number>();
  const reader = deps.kafka.consumer({ groupId: `bench-retry-read-${randomUUID()}`, maxWaitTimeInMs: 50 });
  const delays: number[] = [];
  let early = 0;
  try {
    await reader.connect();
    await reader.subscribe({ topics: [topics.updates], fromBeginning: true });
    const seen = new Set<string>();
    await reader.run({
      eachMessage: async ({ message }) => {
        const id = message.value?.toString() ?? "";
        const due = dueAt.get(id);
        if (due === undefined || seen.has(id)) return; // a redelivery counts once, at its first arrival
        seen.add(id);
        const delay = Number(message.timestamp) - due;
        if (delay < 0) early += 1;
        delays.push(delay);
      },
    });
    await sleep(3_000); // the retry-processor joins its group and subscribes
    const perTick = Math.max(1, Math.ceil(deps.failures / (deps.spreadSeconds * 10)));
    for (let sent = 0; sent < deps.failures;) {
      const writtenAt = Date.now();
      const byTopic = new Map<string, Array<{ key: string; value: string; headers: Record<string, string> }>>();
      for (let i = 0; i < perTick && sent < deps.failures; i += 1, sent += 1) {
        const attempt = (sent % delaysMs.length) + 1;
        const delay = delaysMs[attempt - 1]!;
        const id = `retry-${sent}`;
        dueAt.set(id, writtenAt + delay);
        const topic = topics.retryTier(delay);
        const member = `m-${sent % 997}`;
        const headers = encodeFailureHeaders({
          attempt,
          originalTopic: topics.updates,
          originalPartition: 0,
          originalOffset: String(sent),
          firstFailedAt: new Date(writtenAt).toISOString(),
          dueAt: new Date(writtenAt + delay).toISOString(),
          errorClass: "UnknownMember",
          errorMessage: `member ${member} is not in the target yet`,
          stage: "update-processor",
          tenant,
          entity: `claim:c-${sent}`,
        });
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), { key: member, value: id, headers }]);
      }
      await deps.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
      await sleep(Math.max(0, writtenAt + 100 - Date.now()));
    }
    const deadline = Date.now() + Math.max(...delaysMs) + 120_000;
    while (delays.length < deps.failures && Date.now() < deadline && !processor.hasExited()) await sleep(200);
  } finally {
    await reader.disconnect();
    await processor.stop(20_000);
    deps.track([]);
  }
  return {
    forwarded: delays.length,
    p50: percentile(delays, 50),
    p99: percentile(delays, 99),
    max: percentile(delays, 100),
    early,
    missing: deps.failures - delays.length,
  };
}
