import type { Message, RecordMetadata } from "kafkajs";
import { describe, expect, it } from "vitest";
import { unanswered } from "./client";

const answer = (topicName: string, partition: number, errorCode = 0): RecordMetadata => ({
  topicName,
  partition,
  errorCode,
  baseOffset: "0",
});

describe("messages no broker answered for", () => {
  const m = (key: string): Message => ({ key, value: key });
  const a = m("a"),
    b = m("b"),
    c = m("c");
  const partitionOf = new Map<Message, number>([
    [a, 0],
    [b, 1],
    [c, 0],
  ]);

  it("is nothing when every partition written to is in the answer", () => {
    expect(
      unanswered([{ topic: "t", messages: [a, b, c] }], [answer("t", 0), answer("t", 1)], (x) => partitionOf.get(x)),
    ).toEqual([]);
  });

  it("keeps the messages of a partition missing from the answer, pinned to that partition", () => {
    // what kafkajs 2.2.4 returns when partition 0's leader died and its new leader had answered for partition 1
    expect(unanswered([{ topic: "t", messages: [a, b, c] }], [answer("t", 1)], (x) => partitionOf.get(x))).toEqual([
      {
        topic: "t",
        messages: [
          { ...a, partition: 0 },
          { ...c, partition: 0 },
        ],
      },
    ]);
  });

  it("tells topics apart and treats an answer with an error, or an unknown partition, as unanswered", () => {
    const result = unanswered(
      [
        { topic: "t", messages: [a] },
        { topic: "u", messages: [a, b] },
        { topic: "v", messages: [m("x")] },
      ],
      [answer("t", 0), answer("u", 0, 6)],
      (x) => partitionOf.get(x),
    );
    expect(result.map((t) => [t.topic, t.messages.map((x) => x.partition)])).toEqual([
      ["u", [0, 1]],
      ["v", [undefined]],
    ]);
  });
});
