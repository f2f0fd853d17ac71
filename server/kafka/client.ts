/**
 * kafkajs clients built from the environment (see ./config). Used by the console's server code and
 * by the pipeline workers, so no `server-only` here.
 */
import { Kafka, Partitioners, type Admin, type KafkaConfig, type Producer, type ProducerConfig } from "kafkajs";
import { parseKafkaEnv, type KafkaEnv } from "./config";

/** `overrides` is for what is not configuration but a caller's choice (log level, timeouts). */
export function createKafka(env: KafkaEnv = process.env, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({ ...parseKafkaEnv(env), ...overrides });
}

/**
 * Every producer we create: kafkajs' DefaultPartitioner is the Java client's murmur2, so a key
 * lands on the same partition whether kafkajs, Kafka Connect or a Java service produced it (that
 * is what keeps one member's changes in order). Naming it explicitly also silences kafkajs'
 * "v2.0.0 switched default partitioner" warning. Topics are never created implicitly.
 */
export function createProducer(kafka: Kafka, config: ProducerConfig = {}): Producer {
  return kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false, ...config });
}

// Kept on globalThis so Next.js dev reloads of this module reuse the connection instead of leaking one per edit.
const holder = globalThis as typeof globalThis & { __syncdeckKafkaAdmin?: Promise<Admin> };

/**
 * One connected admin client per process, created on first use (lag sampling, topic views and
 * provisioning share it: kafkajs multiplexes requests over its broker connections). A failed
 * connect is not cached, so the next call tries again once the cluster is back.
 */
export function getSharedAdmin(env: KafkaEnv = process.env): Promise<Admin> {
  holder.__syncdeckKafkaAdmin ??= connectAdmin(env).catch((error: unknown) => {
    holder.__syncdeckKafkaAdmin = undefined;
    throw error;
  });
  return holder.__syncdeckKafkaAdmin;
}

/** For shutdown hooks and tests; a later getSharedAdmin() connects afresh. */
export async function disconnectSharedAdmin(): Promise<void> {
  const pending = holder.__syncdeckKafkaAdmin;
  holder.__syncdeckKafkaAdmin = undefined;
  const admin = await pending?.catch(() => undefined);
  await admin?.disconnect();
}

async function connectAdmin(env: KafkaEnv): Promise<Admin> {
  const admin = createKafka(env).admin();
  await admin.connect();
  return admin;
}

/**
 * Retries an admin call that failed with an error kafkajs itself marks retriable. Needed because
 * kafkajs 2.2.4's admin.fetchOffsets, listGroups, setOffsets/resetOffsets, listTopics and
 * fetchTopicMetadata have no retry of their own: right after a broker starts, or while a group's
 * coordinator moves, fetchOffsets fails with "This is not the correct coordinator for this group"
 * (NOT_COORDINATOR) or COORDINATOR_LOAD_IN_PROGRESS for a few seconds. Waits 200 ms, then doubles.
 */
export async function retryRetriable<T>(operation: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const retriable = (error as { retriable?: unknown } | null)?.retriable === true;
      if (!retriable || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** (attempt - 1)));
    }
  }
}
