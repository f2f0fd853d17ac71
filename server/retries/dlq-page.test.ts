import { describe, expect, it } from "vitest";
import { toListRow } from "./dlq-page";

describe("toListRow", () => {
  it("answers the list row's fields only, whatever else the query row carries (the detail's columns)", () => {
    const listColumns = {
      id: "7",
      topic: "sync.acme.dlq",
      partition: 0,
      offset: "41",
      key: "m-1",
      entity: "claim:c-1",
      stage: "update-processor",
      errorClass: "InvalidUpdate",
      fingerprint: "f1",
      errorMessage: "data.ndc: must be an 11-digit NDC",
      attempt: 1,
      dueAt: null,
      writtenAt: new Date("2026-12-05T10:00:00Z"),
      headerFormat: "syncdeck",
      state: "new",
      replayCount: 0,
    };
    const row = toListRow({ ...listColumns, ...{ fullMessage: "the whole text", payload: new Uint8Array([1]) } });
    expect(row).toEqual({ ...listColumns, writtenAt: "2026-12-05T10:00:00.000Z" });
  });
});
