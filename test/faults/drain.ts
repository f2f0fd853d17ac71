/**
 * When the fault tests' update path has finished: a tenant's update- and retry-processor groups
 * have committed every partition of the topics they read.
 */
import type { Admin } from "kafkajs";
import { consumerGroup, tenantTopics, type Stage } from "@/lib/contract/topics";
import { retryRetriable } from "@/lib/kafka/client";
import { waitFor } from "../../pipeline/shared/testing";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Messages a stage's group has not committed on a topic; a partition without a commit counts from 0. */
export async function uncommitted(admin: Admin, tenant: string, stage: Stage, topic: string): Promise<number> {
  const [ends, committed] = await Promise.all([
    retryRetriable(() => admin.fetchTopicOffsets(topic)),
    retryRetriable(() => admin.fetchOffsets({ groupId: consumerGroup(tenant, stage), topics: [topic] })),
  ]);
  const done = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  return ends.reduce((sum, p) => sum + Number(p.high) - Math.max(0, done.get(p.partition) ?? 0), 0);
}

/**
 * Both stages have committed everything, three checks in a row (a retry may re-enter the updates
 * topic). `retryDelaysMs` is the processors' RETRY_DELAYS_MS: its tiers are the retry-processor's topics.
 */
export async function waitDrained(
  admin: Admin,
  tenant: string,
  retryDelaysMs: readonly number[],
  timeoutMs: number,
): Promise<void> {
  const topics = tenantTopics(tenant);
  let quiet = 0;
  await waitFor(
    `${tenant} drained`,
    async () => {
      let left: number;
      try {
        left = (
          await Promise.all([
            uncommitted(admin, tenant, "update-processor", topics.updates),
            ...topics.retryTiers(retryDelaysMs).map((t) => uncommitted(admin, tenant, "retry-processor", t)),
          ])
        ).reduce((a, b) => a + b, 0);
      } catch (error) {
        // kafkajs' fetchTopicOffsets throws a TypeError while its metadata for the topic lists no
        // partitions (seen just after a broker came back): not known yet, ask again
        if (!(error instanceof TypeError)) throw error;
        left = Number.NaN;
      }
      quiet = left === 0 ? quiet + 1 : 0;
      if (quiet < 3) await sleep(300);
      return quiet >= 3 ? true : undefined;
    },
    timeoutMs,
  );
}
