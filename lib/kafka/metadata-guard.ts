/**
 * Makes one long-lived kafkajs admin client safe to share between concurrent requests and to keep
 * while other clients create and delete topics. Three kafkajs 2.2.4 traits are handled here:
 *
 * - **The lost-topic race.** kafkajs keeps one topic-metadata cache per client, and the last
 *   metadata response to arrive replaces it whole. `fetchTopicMetadata({ topics })` refreshes it
 *   with only the topics asked for, and `fetchTopicOffsets(topic)` looks its topic up in that cache
 *   between its two offset requests; when a response for other topics lands in between, kafkajs
 *   fails with "Cannot destructure property 'partitions' of 'low.pop(...)'" (22 of 5,214 fuzzed
 *   console requests answered 500). Those calls run one at a time per client, and a call that still
 *   loses its topic (to a refresh kafkajs starts itself) is tried once more. `listTopics` and
 *   `describeCluster` refresh the cache with every topic, which cannot lose one: they stay concurrent.
 * - **Poisoned target topics.** `fetchTopicOffsets(topic)` adds the topic to the client's target
 *   topics for good, and every later metadata refresh asks for all of them. Once another client
 *   deletes one (a tenant deprovisioned, a retry tier dropped), each refresh fails with
 *   UNKNOWN_TOPIC_OR_PARTITION, kafkajs retries it for seconds, and every end-offset read of every
 *   topic fails from then on, while the serialised calls queue behind it. The guard notes the
 *   topics it read offsets of; when one is gone, or a read fails on a topic that exists, it swaps in
 *   a fresh client (the old one is disconnected once its calls in flight are done).
 * - **Slow answers about missing topics.** kafkajs retries an unknown topic for seconds (and a
 *   broker with auto-create on would create it). Topics are checked against a listing at most
 *   `listingMaxAgeMs` old, listed afresh when one is missing; a topic missing from both fails at
 *   once with a non-retriable UNKNOWN_TOPIC_OR_PARTITION error.
 */
import { KafkaJSError, type Admin } from "kafkajs";

export type GuardOptions = { listingMaxAgeMs?: number };

/** A listener kept across client swaps; `remove` takes it off the client it is on now. */
type Listener = { event: string; listener: (...args: unknown[]) => void; remove: () => void };

/** kafkajs' symptom of the lost-topic race (or of a topic its metadata has no partitions of yet). */
export function isLostTopicRace(error: unknown): boolean {
  return error instanceof TypeError && /Cannot (destructure|read) propert.*(pop|partitions)/.test(error.message);
}

/** UNKNOWN_TOPIC_OR_PARTITION, also as the cause kafkajs wraps in KafkaJSNumberOfRetriesExceeded. */
export function isUnknownTopic(error: unknown): boolean {
  for (let at = error, depth = 0; at && depth < 5; at = (at as { cause?: unknown }).cause, depth++)
    if ((at as { type?: unknown }).type === "UNKNOWN_TOPIC_OR_PARTITION") return true;
  return false;
}

/** The error the guard answers for topics the cluster does not have: kafkajs' type, not retriable. */
function unknownTopicError(topics: string[]): KafkaJSError {
  const error = new KafkaJSError(`the cluster has no topic ${topics.join(", ")}`, { retriable: false });
  return Object.assign(error, { type: "UNKNOWN_TOPIC_OR_PARTITION", code: 3 });
}

/** An admin client that behaves as one created by `create`, with the guards above. */
export function guardAdmin(create: () => Admin, options: GuardOptions = {}): Admin {
  const listingMaxAgeMs = options.listingMaxAgeMs ?? 1_000;
  let current = create();
  let connected = false;
  let targets = new Set<string>();
  let listing: { at: number; topics: Promise<Set<string>> } | null = null;
  const inFlight = new Map<Admin, number>();
  const retiring = new Set<Admin>();
  const listeners: Listener[] = [];
  let tail: Promise<unknown> = Promise.resolve();

  const serial = <T>(run: () => Promise<T>): Promise<T> => {
    const result = tail.then(run);
    tail = result.catch(() => undefined);
    return result;
  };

  /**
   * Runs a call on the current client; one answering a promise is counted while in flight, so a
   * retired client is disconnected only once idle (`logger()` answers at once and is not counted).
   */
  function onCurrent(name: string, args: unknown[]): unknown {
    const client = current;
    const answer = (client[name as keyof Admin] as (...a: unknown[]) => unknown)(...args);
    if (!(answer instanceof Promise)) return answer;
    inFlight.set(client, (inFlight.get(client) ?? 0) + 1);
    return answer.finally(() => {
      const left = (inFlight.get(client) ?? 1) - 1;
      inFlight.set(client, left);
      if (left === 0 && retiring.has(client)) retire(client);
    });
  }

  function retire(client: Admin): void {
    retiring.add(client);
    if ((inFlight.get(client) ?? 0) > 0) return;
    retiring.delete(client);
    inFlight.delete(client);
    void client.disconnect().catch(() => undefined);
  }

  /** A fresh client with no target topics; called inside the serial lane, so no metadata call overlaps. */
  async function renew(): Promise<void> {
    const old = current;
    const next = create();
    for (const entry of listeners) entry.remove = next.on(entry.event as never, entry.listener);
    if (connected) await next.connect();
    current = next;
    targets = new Set();
    retire(old);
  }

  /** The cluster's topics, from a listing started at `notBefore` or later (a new one if there is none). */
  function topicsListed(notBefore: number): Promise<Set<string>> {
    if (listing && listing.at >= notBefore) return listing.topics;
    const topics = (onCurrent("listTopics", []) as Promise<string[]>).then((names) => new Set(names));
    const entry = { at: Date.now(), topics };
    listing = entry;
    topics.catch(() => {
      if (listing === entry) listing = null;
    });
    return topics;
  }

  /** Throws unknownTopicError unless every topic exists, listing afresh (once per burst of calls) for one missing. */
  async function existing(topics: string[], askedAt: number): Promise<Set<string>> {
    const cached = await topicsListed(Date.now() - listingMaxAgeMs);
    if (topics.every((topic) => cached.has(topic))) return cached;
    const fresh = await topicsListed(askedAt);
    const missing = topics.filter((topic) => !fresh.has(topic));
    if (missing.length) throw unknownTopicError(missing);
    return fresh;
  }

  /**
   * A call kafkajs may lose its topic in: tried once more on that loss. A second loss is passed on
   * as a retriable KafkaJSError (so `retryRetriable` asks again after a back-off): kafkajs also
   * fails this way while its metadata lists no partitions for the topic, as just after a broker
   * came back, which an immediate retry does not outlast.
   */
  async function raceSafe(name: string, args: unknown[]): Promise<unknown> {
    try {
      return await onCurrent(name, args);
    } catch (error) {
      if (!isLostTopicRace(error)) throw error;
      try {
        return await onCurrent(name, args);
      } catch (again) {
        if (!isLostTopicRace(again)) throw again;
        const topic = typeof args[0] === "string" ? args[0] : "the topics asked for";
        const failure = new KafkaJSError(`no partitions of ${topic} in the client's metadata yet`, { retriable: true });
        throw Object.assign(failure, { cause: again });
      }
    }
  }

  /** fetchTopicOffsets / fetchTopicOffsetsByTimestamp: these make their topic a target for good. */
  const offsetsOf =
    (name: string) =>
    (topic: string, ...rest: unknown[]) => {
      const askedAt = Date.now();
      return serial(async () => {
        const listed = await existing([topic], askedAt);
        if ([...targets].some((target) => !listed.has(target))) await renew();
        const args = [topic, ...rest];
        let result: unknown;
        try {
          result = await raceSafe(name, args);
        } catch (error) {
          if (!isUnknownTopic(error)) throw error;
          await existing([topic], Date.now()); // gone since the listing: answered as unknown at once
          await renew(); // it exists, so another target is gone
          result = await raceSafe(name, args);
        }
        targets.add(topic);
        return result;
      });
    };

  const fetchTopicMetadata = (request?: { topics?: string[] }) => {
    const askedAt = Date.now();
    const topics = request?.topics ?? [];
    return serial(async () => {
      if (topics.length) await existing(topics, askedAt);
      try {
        return await raceSafe("fetchTopicMetadata", [request]);
      } catch (error) {
        if (isUnknownTopic(error) && topics.length) await existing(topics, Date.now());
        throw error;
      }
    });
  };

  const own: Partial<Record<keyof Admin, unknown>> = {
    fetchTopicOffsets: offsetsOf("fetchTopicOffsets"),
    fetchTopicOffsetsByTimestamp: offsetsOf("fetchTopicOffsetsByTimestamp"),
    fetchTopicMetadata,
    connect: async () => {
      connected = true;
      await current.connect();
    },
    disconnect: async () => {
      connected = false;
      await Promise.all([current, ...retiring].map((client) => client.disconnect()));
      retiring.clear();
    },
    on: (event: string, listener: (...args: unknown[]) => void) => {
      const entry: Listener = { event, listener, remove: current.on(event as never, listener) };
      listeners.push(entry);
      return () => {
        listeners.splice(listeners.indexOf(entry), 1);
        entry.remove();
      };
    },
  };

  return new Proxy({} as Admin, {
    get(_target, name) {
      if (typeof name === "string" && name in own) return own[name as keyof Admin];
      const value = current[name as keyof Admin];
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => onCurrent(name as string, args);
    },
  });
}
