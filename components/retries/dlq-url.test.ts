import { describe, expect, it } from "vitest";
import { DLQ_DEFAULTS, filterObject, parseDlqFilters, serializeDlqFilters, type DlqFilters } from "./dlq-url";

const parse = (query: string) => parseDlqFilters(new URLSearchParams(query));

describe("dead-letter filters in the URL", () => {
  it("reads every filter", () => {
    const query =
      "kind=retry&state=all&errorClass=SchemaViolation&stage=update-processor&entity=claim%3AC-1&fingerprint=0123456789abcdef&from=2026-12-01T08%3A00&to=2026-12-02T09%3A30&q=%22not+null%22";
    expect(parse(query)).toEqual({
      kind: "retry",
      state: "all",
      errorClass: "SchemaViolation",
      stage: "update-processor",
      entity: "claim:C-1",
      fingerprint: "0123456789abcdef",
      from: "2026-12-01T08:00",
      to: "2026-12-02T09:30",
      q: '"not null"',
    });
  });

  it("drops unknown or malformed values without throwing", () => {
    expect(parse("")).toEqual(DLQ_DEFAULTS);
    expect(parse("kind=topic&state=gone&fingerprint=xyz&from=yesterday&to=2026-13&bogus=1")).toEqual(DLQ_DEFAULTS);
    expect(parse("fingerprint=0123456789ABCDEF0&entity=" + "m".repeat(61))).toEqual(DLQ_DEFAULTS);
    expect(parse("errorClass=%00")).toEqual(DLQ_DEFAULTS);
    expect(parse("q=%E0%A4%A")).toEqual({ ...DLQ_DEFAULTS, q: expect.any(String) });
  });

  it("writes only what differs from the defaults, and reads back what it wrote", () => {
    expect(serializeDlqFilters(DLQ_DEFAULTS)).toBe("");
    const filters: DlqFilters = {
      ...DLQ_DEFAULTS,
      state: "resolved",
      errorClass: "Timeout",
      entity: "member:M-7",
      from: "2026-12-01T08:00",
    };
    expect(serializeDlqFilters(filters)).toBe(
      "state=resolved&errorClass=Timeout&entity=member%3AM-7&from=2026-12-01T08%3A00",
    );
    expect(parse(serializeDlqFilters(filters))).toEqual(filters);
  });

  it("keeps From and To as typed in the URL and sends them as the instant they mean in the shown zone", () => {
    const filters = parse("kind=retry&from=2026-01-15T09%3A30&to=2026-07-01T00%3A00&stage=update-processor");
    expect(filters.from).toBe("2026-01-15T09:30");
    expect(filterObject(filters, "America/New_York")).toEqual({
      kind: "retry",
      state: "open",
      stage: "update-processor",
      from: "2026-01-15T14:30:00.000Z",
      to: "2026-07-01T04:00:00.000Z",
    });
    expect(filterObject(filters, "UTC")).toMatchObject({
      from: "2026-01-15T09:30:00.000Z",
      to: "2026-07-01T00:00:00.000Z",
    });
    expect(filterObject(DLQ_DEFAULTS, "UTC")).toEqual({ kind: "dlq", state: "open" });
  });
});
