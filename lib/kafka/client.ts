/**
 * kafkajs clients built from the environment (see ./config). Used by the console's server code and
 * by the pipeline workers, so no `server-only` here.
 */
import {
  Kafka,
  KafkaJSError,
  Partitioners,
  type Admin,
  type KafkaConfig,
  type Message,
  type Producer,
  type ProducerBatch,
  type ProducerConfig,
  type ProducerRecord,
  type RecordMetadata,
  type TopicMessages,
} from "kafkajs";
import { processLogger } from "@/lib/log/logger";
import { kafkaLogCreator } from "./log-creator";
import { guardAdmin } from "./metadata-guard";
import { parseKafkaEnv, type KafkaEnv } from "./config";
import { backoffMs, retryWhile } from "@/lib/backoff";

/**
 * `overrides` is for what is not configuration but a caller's choice (log level, timeouts). kafkajs
 * logs through the process's JSON log (../log/logger.ts).
 */
export function createKafka(env: KafkaEnv = process.env, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({ ...parseKafkaEnv(env), logCreator: kafkaLogCreator(processLogger()), ...overrides });
}

/**
 * Every producer we create: kafkajs' DefaultPartitioner is the Java client's murmur2, so a key
 * lands on the same partition whether kafkajs, Kafka Connect or a Java service produced it (that
 * is what keeps one member's changes in order). Naming it explicitly also silences kafkajs'
 * "v2.0.0 switched default partitioner" warning. Topics are never created implicitly.
 *
 * `send` and `sendBatch` are checked: every partition a message went to must be in the broker's
 * answer. kafkajs 2.2.4 keeps one answer per broker across its internal retries, so when a
 * partition's leader dies and the new leader is a broker that already answered for another
 * partition of the same send, the dead leader's messages are never sent again and the send
 * resolves as if they were written (seen on a three-broker cluster: a leader SIGKILLed under load
 * lost the batch in flight). Messages of an unanswered partition are sent again, pinned to it.
 */
export function createProducer(kafka: Kafka, config: ProducerConfig = {}): Producer {
  const murmur2 = Partitioners.DefaultPartitioner();
  const assigned = new WeakMap<Message, number>();
  const producer = kafka.producer({
    createPartitioner: () => (args) => {
      const partition = murmur2(args);
      assigned.set(args.message, partition);
      return partition;
    },
    allowAutoTopicCreation: false,
    ...config,
  });
  const sendBatch = producer.sendBatch.bind(producer);
  const sendChecked = async (batch: ProducerBatch): Promise<RecordMetadata[]> => {
    const answered: RecordMetadata[] = [];
    let pending = batch.topicMessages ?? [];
    for (let attempt = 1; pending.length > 0; attempt++) {
      answered.push(...(await sendBatch({ ...batch, topicMessages: pending })));
      if (batch.acks === 0) return answered; // nothing is answered without acks
      pending = unanswered(pending, answered, (m) => m.partition ?? assigned.get(m));
      if (pending.length > 0 && attempt >= UNANSWERED_RESENDS) {
        const partitions = pending
          .map((t) => `${t.topic}[${[...new Set(t.messages.map((m) => m.partition))].join(",")}]`)
          .join(" ");
        throw new KafkaJSError(`no broker acknowledged the messages for ${partitions} after ${attempt} sends`, {
          retriable: true,
        });
      }
    }
    return answered;
  };
  producer.sendBatch = sendChecked;
  producer.send = ({ topic, messages, ...rest }: ProducerRecord) =>
    sendChecked({ ...rest, topicMessages: [{ topic, messages }] });
  return producer;
}

const UNANSWERED_RESENDS = 5;

/**
 * The messages whose partition no answer covers, each pinned to the partition it was meant for, so
 * a resend goes to that partition's current leader. Pure; exported for its test.
 */
export function unanswered(
  sent: TopicMessages[],
  answers: RecordMetadata[],
  partitionOf: (m: Message) => number | undefined,
): TopicMessages[] {
  const acknowledged = new Set(
    answers.filter((a) => a.errorCode === 0).map((a) => `${a.topicName}\u0000${a.partition}`),
  );
  return sent
    .map(({ topic, messages }) => ({
      topic,
      messages: messages.flatMap((m) => {
        const partition = partitionOf(m);
        if (partition !== undefined && acknowledged.has(`${topic}\u0000${partition}`)) return [];
        return [{ ...m, partition }];
      }),
    }))
    .filter((t) => t.messages.length > 0);
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
  const admin = guardAdmin(() => createKafka(env).admin());
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
export function retryRetriable<T>(operation: () => Promise<T>, attempts = 6): Promise<T> {
  return retryWhile(operation, {
    attempts,
    isRetriable: (error) => (error as { retriable?: unknown } | null)?.retriable === true,
    delayMs: (attempt) => backoffMs(attempt, { baseMs: 200 }),
  });
}
