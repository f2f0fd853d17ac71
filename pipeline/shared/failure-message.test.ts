import { describe, expect, it } from "vitest";
import { failureMessage } from "./failure-message";
import { decodeFailureHeaders, encodeFailureHeaders } from "@/lib/contract/headers";

const now = new Date("2026-11-23T10:00:00.000Z");
const original = {
  topic: "sync.acme.updates",
  partition: 2,
  offset: "41",
  key: Buffer.from("m-1"),
  value: Buffer.from("{}"),
  headers: {},
};

describe("failureMessage", () => {
  it("keeps key and value and records where the message failed first", () => {
    const message = failureMessage(original, {
      attempt: 1,
      errorClass: "UnknownMember",
      errorMessage: "member m-1 is not in the target",
      stage: "update-processor",
      tenant: "acme",
      entity: "claim:c-1",
      dueAt: new Date(now.getTime() + 1_000),
      now,
    });
    expect(message.key).toEqual(original.key);
    expect(message.value).toEqual(original.value);
    expect(decodeFailureHeaders(message.headers as Record<string, string>)).toEqual({
      attempt: 1,
      originalTopic: "sync.acme.updates",
      originalPartition: 2,
      originalOffset: "41",
      firstFailedAt: "2026-11-23T10:00:00.000Z",
      dueAt: "2026-11-23T10:00:01.000Z",
      errorClass: "UnknownMember",
      errorMessage: "member m-1 is not in the target",
      stage: "update-processor",
      tenant: "acme",
      entity: "claim:c-1",
    });
  });

  it("carries the first failure's origin and time through later attempts", () => {
    const earlier = encodeFailureHeaders({
      attempt: 2,
      originalTopic: "sync.acme.updates",
      originalPartition: 0,
      originalOffset: "7",
      firstFailedAt: "2026-11-23T09:00:00.000Z",
      errorClass: "UnknownMember",
      errorMessage: "x",
      stage: "update-processor",
      tenant: "acme",
      entity: "claim:c-9",
    });
    const message = failureMessage(
      { ...original, topic: "sync.acme.retry", offset: "3", headers: earlier },
      {
        attempt: 3,
        errorClass: "UnknownMember",
        errorMessage: "attempts exhausted",
        stage: "retry-processor",
        tenant: "acme",
        now,
      },
    );
    expect(decodeFailureHeaders(message.headers as Record<string, string>)).toMatchObject({
      attempt: 3,
      originalTopic: "sync.acme.updates",
      originalPartition: 0,
      originalOffset: "7",
      firstFailedAt: "2026-11-23T09:00:00.000Z",
      stage: "retry-processor",
      entity: "claim:c-9",
    });
  });
});
