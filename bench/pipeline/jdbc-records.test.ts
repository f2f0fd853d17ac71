import { describe, expect, it } from "vitest";
import type { CanonicalUpdate } from "@/lib/contract/canonical-update";
import { SinkExpectation, sinkRecord } from "./jdbc-records";

const topics = { members: "jdbc_members_t", claims: "jdbc_claims_t" };
const provenance = {
  tenant: "acme",
  sourceLsn: "1000",
  sourceVersion: 2,
  sourceTsMs: Date.UTC(2026, 11, 4, 12, 0, 0),
  cdcTopic: "sync.acme.cdc.claims",
  cdcPartition: 0,
  cdcOffset: "7",
};
const deletedClaim: CanonicalUpdate = {
  ...provenance,
  entity: "claim",
  op: "delete",
  id: "C-1",
  memberId: "M1",
  data: null,
};

describe("sinkRecord", () => {
  it("writes a delete as the target row the update-processor leaves: deleted, data columns null, member kept", () => {
    const { topic, message } = sinkRecord(deletedClaim, topics);
    expect(topic).toBe("jdbc_claims_t");
    const key = JSON.parse(String(message.key)) as { schema: { fields: unknown[] }; payload: unknown };
    expect(key.payload).toEqual({ tenant: "acme", claim_id: "C-1" });
    expect(key.schema.fields).toHaveLength(2);
    const value = JSON.parse(String(message.value)) as {
      schema: { fields: Array<{ field: string }> };
      payload: Record<string, unknown>;
    };
    expect(value.payload).toMatchObject({
      member_id: "M1",
      ndc: null,
      amount_billed: null,
      deleted: true,
      source_lsn: "1000",
      source_version: 2,
      source_ts: "2026-12-04T12:00:00.000Z",
    });
    // Every payload field is declared in the inline schema, and nothing else.
    expect(value.schema.fields.map((f) => f.field).sort()).toEqual(Object.keys(value.payload).sort());
  });
});

describe("SinkExpectation", () => {
  it("counts one row per entity at its highest version", () => {
    const expected = new SinkExpectation();
    expected.add({ ...deletedClaim, sourceVersion: 1 });
    expected.add({ ...deletedClaim, sourceVersion: 3 });
    expected.add({ ...deletedClaim, id: "C-2", sourceVersion: 1 });
    expect(expected.reached({ rows: 2, versionSum: 4 })).toBe(true);
    expect(expected.reached({ rows: 2, versionSum: 2 })).toBe(false);
  });
});
