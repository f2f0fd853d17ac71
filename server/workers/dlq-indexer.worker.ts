/**
 * The DLQ indexer: consumes every tenant's retry topics (`sync.<t>.retry.<tier>`) and `sync.<t>.dlq` and stores each
 * record's metadata (and payload, for replay) in dlq_messages as it arrives.
 *
 * It runs in every console replica as a member of one Kafka consumer group: the group protocol
 * gives each partition to exactly one replica at a time and moves it on failover, which is what
 * an advisory-lock leader would buy, with the load spread as well. Rows are keyed by (topic,
 * partition, offset), so a batch read twice across a rebalance is stored once. Each batch's offset
 * is committed explicitly right after its rows are in Postgres (kafkajs' commitOffsetsIfNecessary
 * does nothing without auto-commit): nothing is lost when the database is away, the group's lag is
 * visible like any other group's, and a restart resumes where the stored rows end.
 * kafkajs resolves a topic pattern when it subscribes, so the indexer re-subscribes when a new
 * tenant's topics appear.
 */
import "server-only";
import type { Admin, Consumer, Kafka } from "kafkajs";
import pg from "pg";
import { storeIndexedRecords } from "@/server/retries/index-store";
import { nextToRead, toIndexedRecords } from "@/server/retries/indexed-batch";
import { queueOfTopic } from "@/server/retries/parse-record";
import { guardAdmin } from "@/lib/kafka/metadata-guard";
import { processLogger } from "@/lib/log/logger";

export const DLQ_INDEXER_GROUP = "syncdeck.dlq-indexer";

export type DlqIndexerDeps = {
  kafka: Kafka;
  databaseUrl: string;
  groupId?: string;
  /** how often to look for new tenants' topics */
  topicCheckMs?: number;
  /** a line of the worker's log; failures come with level "warn" */
  log?: (line: string, level?: "info" | "warn") => void;
};

export type RunningIndexer = { indexed(): number; stop(): Promise<void> };

async function queueTopics(admin: Admin): Promise<string[]> {
  return (await admin.listTopics()).filter((t) => queueOfTopic(t) !== undefined).sort();
}

export function startDlqIndexer(deps: DlqIndexerDeps): RunningIndexer {
  const log =
    deps.log ?? ((line: string, level: "info" | "warn" = "info") => processLogger()[level]({ worker: "dlq" }, line));
  const pool = new pg.Pool({ connectionString: deps.databaseUrl, max: 3 });
  pool.on("error", () => undefined);
  const admin = guardAdmin(() => deps.kafka.admin());
  let consumer: Consumer | null = null;
  let subscribed: string[] = [];
  let stopped = false;
  let count = 0;
  let timer: NodeJS.Timeout | null = null;

  async function subscribe(topics: string[]): Promise<void> {
    await consumer?.disconnect().catch(() => undefined);
    subscribed = topics;
    if (topics.length === 0) return;
    const next = deps.kafka.consumer({ groupId: deps.groupId ?? DLQ_INDEXER_GROUP, maxWaitTimeInMs: 250 });
    consumer = next;
    await next.connect();
    await next.subscribe({ topics, fromBeginning: true });
    await next.run({
      autoCommit: false,
      // partitions are independent (rows keyed by their own offset): store them side by side
      partitionsConsumedConcurrently: 3,
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => {
        const { batch } = payload;
        if (batch.isEmpty()) return;
        count += await storeIndexedRecords(pool, toIndexedRecords(payload));
        payload.resolveOffset(batch.lastOffset());
        // The partition moved to another replica during the batch: it resumes from the last commit
        // and stores these rows once more as no-ops; committing now would fail the generation check.
        if (payload.isStale()) return;
        await next.commitOffsets([nextToRead(batch)]);
      },
    });
    log(`indexing ${topics.length} retry/dead-letter topic(s)`);
  }

  async function check(): Promise<void> {
    try {
      const topics = await queueTopics(admin);
      if (topics.join(",") !== subscribed.join(",")) await subscribe(topics);
    } catch (error) {
      log(`topic check failed: ${error instanceof Error ? error.message || error.name : String(error)}`, "warn");
    }
  }

  let running = admin
    .connect()
    .then(check)
    .catch(() => undefined);
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = check().finally(schedule);
    }, deps.topicCheckMs ?? 15_000);
    timer.unref();
  };
  void running.finally(schedule);

  return {
    indexed: () => count,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => undefined);
      await consumer?.disconnect().catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}
