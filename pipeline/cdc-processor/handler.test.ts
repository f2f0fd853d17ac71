import { describe, expect, it } from "vitest";
import { handleCdcMessage, isoDate, type CdcMessage } from "./handler";

const tenant = "acme";
const memberRow = {
  member_id: "m-1",
  first_name: "Ada",
  last_name: "Lovelace",
  date_of_birth: 7_648, // 1990-12-10 as days since epoch
  address_line: "1 Main St",
  city: "Springfield",
  state: "IL",
  postal_code: "62701",
  plan_id: "P-1",
  status: "ACTIVE",
  version: 3,
  updated_at: "2026-11-23T10:00:00.123456Z",
};
const claimRow = {
  claim_id: "c-1",
  member_id: "m-1",
  ndc: "00093715301",
  drug_name: "Atorvastatin 20 mg",
  pharmacy_id: "PH-1",
  quantity: 30,
  days_supply: 30,
  amount_billed: "12.50",
  amount_paid: "10.00",
  status: "PAID",
  fill_date: "2026-11-20",
  version: 1,
  updated_at: "2026-11-23T10:00:00Z",
};
const source = {
  version: "3.3.1.Final",
  connector: "postgresql",
  name: "acme",
  ts_ms: 1_763_892_000_000,
  db: "source_acme",
  schema: "public",
  table: "members",
  lsn: 24_023_128,
  txId: 771,
};

function message(table: "members" | "claims", value: unknown, offset = "5"): CdcMessage {
  return {
    tenant,
    topic: `sync.${tenant}.cdc.${table}`,
    partition: 1,
    offset,
    value: value === null ? null : Buffer.from(typeof value === "string" ? value : JSON.stringify(value)),
  };
}

describe("handleCdcMessage", () => {
  it("turns an insert into an upsert keyed by member id, with provenance and the source commit time", () => {
    const outcome = handleCdcMessage(
      message("members", { before: null, after: memberRow, source, op: "c", ts_ms: 1_763_892_000_100 }),
    );
    expect(outcome).toEqual({
      kind: "update",
      key: "m-1",
      update: {
        tenant,
        entity: "member",
        op: "upsert",
        id: "m-1",
        memberId: "m-1",
        sourceLsn: "24023128",
        sourceVersion: 3,
        sourceTsMs: 1_763_892_000_000,
        cdcTopic: "sync.acme.cdc.members",
        cdcPartition: 1,
        cdcOffset: "5",
        data: {
          memberId: "m-1",
          firstName: "Ada",
          lastName: "Lovelace",
          dateOfBirth: "1990-12-10",
          addressLine: "1 Main St",
          city: "Springfield",
          state: "IL",
          postalCode: "62701",
          planId: "P-1",
          status: "ACTIVE",
        },
      },
    });
  });

  it("keys a claim by its member and accepts ISO dates, snapshot reads and the schemas-enabled wrapper", () => {
    const outcome = handleCdcMessage(
      message("claims", { schema: {}, payload: { before: null, after: claimRow, source, op: "r" } }),
    );
    expect(outcome).toMatchObject({
      kind: "update",
      key: "m-1",
      update: { entity: "claim", id: "c-1", op: "upsert", data: { fillDate: "2026-11-20", amountBilled: "12.50" } },
    });
  });

  it("turns a delete into a tombstone update from the before row, and skips Kafka tombstones and truncates", () => {
    expect(handleCdcMessage(message("claims", { before: claimRow, after: null, source, op: "d" }))).toMatchObject({
      kind: "update",
      key: "m-1",
      update: { op: "delete", id: "c-1", memberId: "m-1", sourceVersion: 1, data: null },
    });
    expect(handleCdcMessage(message("claims", null))).toEqual({ kind: "skip", reason: "tombstone" });
    expect(handleCdcMessage(message("claims", { before: null, after: null, source, op: "t" }))).toEqual({
      kind: "skip",
      reason: "truncate",
    });
  });

  it("keeps LSNs beyond 2^53 exact", () => {
    const raw = JSON.stringify({ before: null, after: memberRow, source: { ...source, lsn: 0 }, op: "u" }).replace(
      '"lsn":0',
      '"lsn":18446744073709551000',
    );
    expect(handleCdcMessage(message("members", raw))).toMatchObject({ update: { sourceLsn: "18446744073709551000" } });
  });

  it("classifies malformed rows as fatal, naming the field", () => {
    expect(
      handleCdcMessage(message("claims", { before: null, after: { ...claimRow, ndc: "12345" }, source, op: "c" })),
    ).toEqual({
      kind: "fatal",
      errorClass: "InvalidRow",
      errorMessage: "data.ndc: must be an 11-digit NDC",
      entity: "claim:c-1",
      memberId: "m-1",
    });
    expect(
      handleCdcMessage(
        message("members", { before: null, after: { ...memberRow, status: "ZOMBIE" }, source, op: "u" }),
      ),
    ).toMatchObject({
      kind: "fatal",
      errorClass: "InvalidRow",
      errorMessage: expect.stringMatching(/^data\.status: /),
    });
    expect(
      handleCdcMessage(
        message("members", { before: null, after: { ...memberRow, version: undefined }, source, op: "u" }),
      ),
    ).toMatchObject({
      errorClass: "InvalidRow",
      errorMessage: expect.stringMatching(/^sourceVersion: /),
    });
  });

  it("classifies what is not a Debezium envelope as fatal", () => {
    expect(handleCdcMessage(message("members", "{oops"))).toMatchObject({
      kind: "fatal",
      errorClass: "MalformedEnvelope",
    });
    expect(handleCdcMessage(message("members", { after: memberRow, op: "c" }))).toMatchObject({
      errorClass: "MalformedEnvelope",
      errorMessage: /^source: /,
    });
    expect(handleCdcMessage(message("members", { before: null, after: null, source, op: "u" }))).toMatchObject({
      errorMessage: "op u without after row",
    });
    expect(
      handleCdcMessage({
        ...message("members", { after: memberRow, source, op: "c" }),
        topic: "sync.other.cdc.members",
      }),
    ).toMatchObject({
      errorClass: "MalformedEnvelope",
    });
  });
});

describe("isoDate", () => {
  it("reads days since the epoch, including before 1970, and ISO strings", () => {
    expect(isoDate(0)).toBe("1970-01-01");
    expect(isoDate(-1)).toBe("1969-12-31");
    expect(isoDate("2026-11-20T00:00:00Z")).toBe("2026-11-20");
    expect(isoDate(null)).toBeNull();
  });
});
