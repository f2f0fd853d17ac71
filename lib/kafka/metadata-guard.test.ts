import type { Admin } from "kafkajs";
import { describe, expect, it } from "vitest";
import { guardAdmin, isLostTopicRace } from "./metadata-guard";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** A stand-in for kafkajs' admin that records how many metadata calls overlap. */
function recordingAdmin(failFirst = 0) {
  let inFlight = 0;
  let failures = failFirst;
  const seen = { maxOverlap: 0, calls: 0 };
  const call = async (value: unknown) => {
    seen.calls++;
    inFlight++;
    seen.maxOverlap = Math.max(seen.maxOverlap, inFlight);
    await tick();
    inFlight--;
    if (failures > 0) {
      failures--;
      throw new TypeError("Cannot destructure property 'partitions' of 'low.pop(...)' as it is undefined.");
    }
    return value;
  };
  const admin = {
    fetchTopicOffsets: (topic: string) => call([{ partition: 0, offset: "1", high: "1", low: "0", topic }]),
    fetchTopicOffsetsByTimestamp: () => call([]),
    fetchTopicMetadata: () => call({ topics: [] }),
    listTopics: () => call(["a", "b"]),
    describeCluster: () => call({ brokers: [] }),
  } as unknown as Admin;
  return { admin, seen };
}

describe("guardAdmin", () => {
  it("runs metadata reads one at a time and answers each its own result", async () => {
    const { admin, seen } = recordingAdmin();
    guardAdmin(admin);
    const answers = await Promise.all([
      admin.fetchTopicOffsets("t1"),
      admin.fetchTopicMetadata({ topics: ["t1"] }),
      admin.listTopics(),
      admin.fetchTopicOffsets("t2"),
    ]);
    expect(seen.maxOverlap).toBe(1);
    expect(answers[0]).toEqual([expect.objectContaining({ topic: "t1" })]);
    expect(answers[2]).toEqual(["a", "b"]);
    expect(answers[3]).toEqual([expect.objectContaining({ topic: "t2" })]);
  });

  it("leaves other calls concurrent", async () => {
    const { admin, seen } = recordingAdmin();
    guardAdmin(admin);
    await Promise.all([admin.describeCluster(), admin.describeCluster()]);
    expect(seen.maxOverlap).toBe(2);
  });

  it("retries a read once when kafkajs lost the topic from its cache, and passes a second loss on", async () => {
    const once = recordingAdmin(1);
    guardAdmin(once.admin);
    await expect(once.admin.fetchTopicOffsets("t")).resolves.toHaveLength(1);
    expect(once.seen.calls).toBe(2);

    const twice = recordingAdmin(2);
    guardAdmin(twice.admin);
    await expect(twice.admin.fetchTopicOffsets("t")).rejects.toSatisfy(isLostTopicRace);
    await expect(twice.admin.listTopics()).resolves.toEqual(["a", "b"]); // a failure does not block the queue
  });

  it("guards an admin once however often it is asked", async () => {
    const { admin, seen } = recordingAdmin(1);
    guardAdmin(guardAdmin(admin));
    await admin.listTopics();
    expect(seen.calls).toBe(2);
  });

  it("tells kafkajs' lost-topic failure from other errors", () => {
    expect(
      isLostTopicRace(new TypeError("Cannot destructure property 'partitions' of 'high.pop(...)' as it is undefined.")),
    ).toBe(true);
    expect(isLostTopicRace(new TypeError("x is not a function"))).toBe(false);
    expect(isLostTopicRace(new Error("Cannot destructure property 'partitions' of 'low.pop(...)'"))).toBe(false);
  });
});
