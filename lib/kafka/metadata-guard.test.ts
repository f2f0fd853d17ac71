import { KafkaJSError, type Admin } from "kafkajs";
import { describe, expect, it } from "vitest";
import { retryRetriable } from "./client";
import { guardAdmin, isLostTopicRace, isUnknownTopic } from "./metadata-guard";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

const unknownTopic = () =>
  Object.assign(new Error("This server does not host this topic-partition"), {
    type: "UNKNOWN_TOPIC_OR_PARTITION",
    retriable: true,
  });

/**
 * A stand-in for kafkajs' admin over a set of topics: records how many metadata calls overlap, and
 * behaves as kafkajs 2.2.4 does with target topics (every topic an end-offset read asked for is
 * asked for again on each refresh, so one deleted elsewhere fails every later read).
 */
function fakeCluster(options: { loseTopicTimes?: number } = {}) {
  const topics = new Set(["a", "b"]);
  let losses = options.loseTopicTimes ?? 0;
  let inFlight = 0;
  const seen = { maxOverlap: 0, calls: 0, offsetReads: 0, listings: 0, clients: 0, disconnected: 0, connected: 0 };
  const create = (): Admin => {
    seen.clients++;
    const targets = new Set<string>();
    const call = async <T>(answer: () => T): Promise<T> => {
      seen.calls++;
      inFlight++;
      seen.maxOverlap = Math.max(seen.maxOverlap, inFlight);
      await tick();
      inFlight--;
      return answer();
    };
    const offsets = (topic: string) =>
      call(() => {
        seen.offsetReads++;
        targets.add(topic);
        if ([...targets].some((t) => !topics.has(t))) {
          if (!topics.has(topic)) targets.delete(topic); // kafkajs drops a target whose first refresh failed
          throw unknownTopic();
        }
        if (losses > 0) {
          losses--;
          throw new TypeError("Cannot destructure property 'partitions' of 'low.pop(...)' as it is undefined.");
        }
        return [{ partition: 0, offset: "1", high: "1", low: "0", topic }];
      });
    return {
      connect: () => call(() => void seen.connected++),
      disconnect: () => call(() => void seen.disconnected++),
      fetchTopicOffsets: offsets,
      fetchTopicOffsetsByTimestamp: offsets,
      fetchTopicMetadata: ({ topics: asked }: { topics: string[] }) =>
        call(() => {
          if (asked.some((t) => !topics.has(t))) throw unknownTopic();
          return { topics: asked.map((name) => ({ name, partitions: [] })) };
        }),
      listTopics: () => call(() => (seen.listings++, [...topics])),
      describeCluster: () => call(() => ({ brokers: [] })),
      logger: () => "the logger",
      on: () => () => undefined,
    } as unknown as Admin;
  };
  return { create, topics, seen };
}

describe("guardAdmin", () => {
  it("runs reads that replace kafkajs' metadata cache one at a time, each answered its own result", async () => {
    const cluster = fakeCluster();
    const admin = guardAdmin(cluster.create, { listingMaxAgeMs: 60_000 });
    await admin.listTopics(); // the listing the guard checks topics against
    cluster.seen.maxOverlap = 0;
    const answers = await Promise.all([
      admin.fetchTopicOffsets("a"),
      admin.fetchTopicMetadata({ topics: ["a"] }),
      admin.fetchTopicOffsets("b"),
    ]);
    expect(cluster.seen.maxOverlap).toBe(1);
    expect(answers[0]).toEqual([expect.objectContaining({ topic: "a" })]);
    expect(answers[2]).toEqual([expect.objectContaining({ topic: "b" })]);
  });

  it("leaves calls that cannot lose a topic concurrent", async () => {
    const cluster = fakeCluster();
    const admin = guardAdmin(cluster.create);
    await Promise.all([admin.describeCluster(), admin.listTopics(), admin.listTopics()]);
    expect(cluster.seen.maxOverlap).toBe(3);
  });

  it("tries a read once more when kafkajs lost the topic from its cache, and passes a second loss on as retriable", async () => {
    const once = fakeCluster({ loseTopicTimes: 1 });
    await expect(guardAdmin(once.create).fetchTopicOffsets("a")).resolves.toHaveLength(1);
    expect(once.seen.offsetReads).toBe(2);

    const twice = fakeCluster({ loseTopicTimes: 2 });
    const admin = guardAdmin(twice.create);
    const failure = await admin.fetchTopicOffsets("a").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KafkaJSError);
    expect(failure).toMatchObject({ retriable: true, message: "no partitions of a in the client's metadata yet" });
    expect((failure as KafkaJSError).cause).toSatisfy(isLostTopicRace);
    await expect(admin.fetchTopicOffsets("b")).resolves.toHaveLength(1); // a failure does not block the queue
  });

  it("outlasts a topic with no partitions in kafkajs' metadata for a while (a broker back) under retryRetriable", async () => {
    const cluster = fakeCluster({ loseTopicTimes: 5 });
    const admin = guardAdmin(cluster.create);
    await expect(retryRetriable(() => admin.fetchTopicOffsets("a"))).resolves.toHaveLength(1);
    expect(cluster.seen.offsetReads).toBe(6);
  });

  it("answers a topic the cluster does not have at once, without asking kafkajs (which retries it for seconds)", async () => {
    const cluster = fakeCluster();
    const admin = guardAdmin(cluster.create);
    const error = await admin.fetchTopicOffsets("gone").catch((e: unknown) => e);
    expect(isUnknownTopic(error)).toBe(true);
    expect((error as { retriable: boolean }).retriable).toBe(false);
    expect((error as Error).message).toBe("the cluster has no topic gone");
    await expect(admin.fetchTopicMetadata({ topics: ["a", "gone"] })).rejects.toThrow("no topic gone");
    expect(cluster.seen.offsetReads).toBe(0);
  });

  it("lists once for a burst of reads of missing topics (a lag snapshot of groups on deleted topics)", async () => {
    const cluster = fakeCluster();
    const admin = guardAdmin(cluster.create);
    const answers = await Promise.allSettled(["x", "y", "z", "a"].map((topic) => admin.fetchTopicOffsets(topic)));
    expect(answers.map((a) => a.status)).toEqual(["rejected", "rejected", "rejected", "fulfilled"]);
    expect(cluster.seen.listings).toBe(1);
  });

  it("lists afresh before calling a topic missing: one created since the last listing is read", async () => {
    const cluster = fakeCluster();
    const admin = guardAdmin(cluster.create, { listingMaxAgeMs: 60_000 });
    await admin.fetchTopicOffsets("a");
    cluster.topics.add("new");
    await expect(admin.fetchTopicOffsets("new")).resolves.toEqual([expect.objectContaining({ topic: "new" })]);
  });

  it("swaps in a fresh client when a topic it read offsets of was deleted elsewhere, so other topics still read", async () => {
    const cluster = fakeCluster();
    const admin = guardAdmin(cluster.create);
    await admin.connect();
    await admin.fetchTopicOffsets("a");
    cluster.topics.delete("a"); // another client deletes it
    await expect(admin.fetchTopicOffsets("b")).resolves.toEqual([expect.objectContaining({ topic: "b" })]);
    expect(cluster.seen.clients).toBe(2);
    expect(cluster.seen.connected).toBe(2);
    expect(cluster.seen.disconnected).toBe(1); // the old client, once idle
    await expect(admin.fetchTopicOffsets("b")).resolves.toHaveLength(1);
    expect(cluster.seen.clients).toBe(2);
  });

  it("swaps before reading when the listing already shows a target topic gone, so no read fails first", async () => {
    const cluster = fakeCluster();
    const admin = guardAdmin(cluster.create, { listingMaxAgeMs: 0 });
    await admin.fetchTopicOffsets("a");
    cluster.topics.delete("a");
    await admin.fetchTopicOffsets("b");
    expect(cluster.seen.offsetReads).toBe(2);
    expect(cluster.seen.clients).toBe(2);
  });

  it("keeps a listener across a client swap, and takes it off the client it is on when removed", async () => {
    const cluster = fakeCluster();
    const on: string[] = [];
    const create = () => {
      const client = cluster.create();
      const id = cluster.seen.clients;
      return Object.assign(client, {
        on: (event: string) => (on.push(`${event}@${id}`), () => void on.push(`off ${event}@${id}`)),
      }) as Admin;
    };
    const admin = guardAdmin(create, { listingMaxAgeMs: 0 });
    const remove = admin.on("admin.connect" as never, () => undefined);
    await admin.fetchTopicOffsets("a");
    cluster.topics.delete("a");
    await admin.fetchTopicOffsets("b"); // swaps the client
    remove();
    expect(on).toEqual(["admin.connect@1", "admin.connect@2", "off admin.connect@2"]);
  });

  it("passes other calls and synchronous ones through to the current client", async () => {
    const cluster = fakeCluster();
    const admin = guardAdmin(cluster.create);
    expect(admin.logger()).toBe("the logger");
    await expect(admin.describeCluster()).resolves.toEqual({ brokers: [] });
  });

  it("tells kafkajs' lost-topic failure from other errors", () => {
    expect(
      isLostTopicRace(new TypeError("Cannot destructure property 'partitions' of 'high.pop(...)' as it is undefined.")),
    ).toBe(true);
    expect(isLostTopicRace(new TypeError("x is not a function"))).toBe(false);
    expect(isLostTopicRace(new Error("Cannot destructure property 'partitions' of 'low.pop(...)'"))).toBe(false);
  });
});
