import { describe, expect, it } from "vitest";
import type { CanonicalUpdate } from "@/lib/contract/canonical-update";
import { encodeFailureHeaders } from "@/lib/contract/headers";
import { splitByKnownMember, trailRows } from "./apply";
import { claimColumns, decodeUpdate, isCalendarDate, memberColumns, planBatch, type MessageRef } from "./plan";

const member = (id: string, lsn: string, over: Partial<CanonicalUpdate> = {}): CanonicalUpdate =>
  ({
    tenant: "acme",
    entity: "member",
    op: "upsert",
    id,
    memberId: id,
    sourceLsn: lsn,
    sourceVersion: 1,
    sourceTsMs: 1_763_892_000_000,
    cdcTopic: "sync.acme.cdc.members",
    cdcPartition: 0,
    cdcOffset: "1",
    data: {
      memberId: id,
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
    ...over,
  }) as CanonicalUpdate;

const claim = (id: string, memberId: string, lsn: string, op: "upsert" | "delete" = "upsert"): CanonicalUpdate => ({
  tenant: "acme",
  entity: "claim",
  op,
  id,
  memberId,
  sourceLsn: lsn,
  sourceVersion: 2,
  sourceTsMs: 1_763_892_000_000,
  cdcTopic: "sync.acme.cdc.claims",
  cdcPartition: 0,
  cdcOffset: "9",
  data:
    op === "delete"
      ? null
      : {
          claimId: id,
          memberId,
          ndc: "00093715301",
          drugName: "Atorvastatin 20 mg",
          pharmacyId: "PH-1",
          quantity: 30,
          daysSupply: 30,
          amountBilled: "12.50",
          amountPaid: "10.00",
          status: "PAID",
          fillDate: "2026-11-20",
        },
});

let offset = 0;
const ref = (value: unknown, headers: MessageRef["headers"] = {}): MessageRef => ({
  topic: "sync.acme.updates",
  partition: 0,
  offset: String(offset++),
  key: Buffer.from("k"),
  value: value === null ? null : Buffer.from(typeof value === "string" ? value : JSON.stringify(value)),
  headers,
});

describe("decodeUpdate", () => {
  it("accepts a valid canonical update as the first attempt", () => {
    expect(decodeUpdate(ref(member("m-1", "100")), "acme")).toMatchObject({
      kind: "update",
      attempt: 1,
      update: { id: "m-1" },
    });
  });

  it("reads the attempt from the retry headers", () => {
    const headers = encodeFailureHeaders({
      attempt: 3,
      originalTopic: "sync.acme.updates",
      originalPartition: 0,
      originalOffset: "5",
      firstFailedAt: "2026-11-23T10:00:00.000Z",
      errorClass: "UnknownMember",
      errorMessage: "",
      stage: "retry-processor",
      tenant: "acme",
    });
    expect(decodeUpdate(ref(claim("c-1", "m-1", "5"), headers), "acme")).toMatchObject({ kind: "update", attempt: 3 });
  });

  it("classifies what can never be applied as fatal, with the reason", () => {
    expect(decodeUpdate(ref(null), "acme")).toMatchObject({ kind: "fatal", errorClass: "MalformedUpdate" });
    expect(decodeUpdate(ref("{nope"), "acme")).toMatchObject({
      kind: "fatal",
      errorClass: "MalformedUpdate",
      errorMessage: /not JSON/,
    });
    expect(
      decodeUpdate(
        ref({ ...claim("c-1", "m-1", "5"), data: { ...claim("c-1", "m-1", "5").data, ndc: "123" } }),
        "acme",
      ),
    ).toMatchObject({
      kind: "fatal",
      errorClass: "InvalidUpdate",
      errorMessage: "data.ndc: must be an 11-digit NDC",
    });
    expect(decodeUpdate(ref(member("m-1", "1")), "globex")).toMatchObject({
      kind: "fatal",
      errorClass: "WrongTenant",
      entity: "member:m-1",
    });
    const badDate = member("m-1", "1");
    (badDate.data as { dateOfBirth: string }).dateOfBirth = "1990-02-30";
    expect(decodeUpdate(ref(badDate), "acme")).toMatchObject({
      kind: "fatal",
      errorMessage: "dateOfBirth 1990-02-30 is not a calendar date",
    });
    const nul = member("m-1", "1");
    (nul.data as { city: string }).city = "Spring\u0000field";
    expect(decodeUpdate(ref(nul), "acme")).toMatchObject({
      kind: "fatal",
      errorClass: "InvalidUpdate",
      errorMessage: "data.city contains U+0000, which the target cannot store",
    });
  });
});

describe("planBatch", () => {
  it("keeps the highest LSN per entity, whatever the arrival order, and reports the rest as superseded", () => {
    const decoded = [
      member("m-1", "300"),
      member("m-1", "18446744073709551000"), // beyond 2^53: compared exactly
      member("m-1", "18446744073709550999"),
      member("m-2", "5"),
      member("m-2", "5"), // duplicate
      claim("c-1", "m-1", "7"),
    ].map((u) => decodeUpdate(ref(u), "acme"));
    const plan = planBatch(decoded);
    expect(plan.members.map((u) => [u.id, u.sourceLsn])).toEqual([
      ["m-1", "18446744073709551000"],
      ["m-2", "5"],
    ]);
    expect(plan.claims.map((u) => u.id)).toEqual(["c-1"]);
    expect(plan.superseded.map((i) => [i.update.id, i.update.sourceLsn])).toEqual([
      ["m-1", "300"],
      ["m-1", "18446744073709550999"],
      ["m-2", "5"],
    ]);
  });

  it("lays updates out as column arrays, a delete as a tombstone without data", () => {
    const [first, ...rest] = memberColumns([member("m-1", "9"), member("m-2", "10", { op: "delete", data: null })]);
    expect(first).toEqual(["m-1", "m-2"]);
    expect(rest.map((column) => column[1])).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      "10",
      1,
      Date.parse("2025-11-23T10:00:00.000Z"), // epoch ms: the SQL makes it a timestamptz
      true,
    ]);
    const claimCols = claimColumns([claim("c-1", "m-1", "7")]);
    expect(claimCols.map((column) => column[0])).toEqual([
      "c-1",
      "m-1",
      "00093715301",
      "Atorvastatin 20 mg",
      "PH-1",
      30,
      30,
      "12.50",
      "10.00",
      "PAID",
      "2026-11-20",
      "7",
      2,
      Date.parse("2025-11-23T10:00:00.000Z"), // epoch ms: the SQL makes it a timestamptz
      false,
    ]);
  });
});

describe("splitByKnownMember and trailRows", () => {
  it("holds back claim upserts of members the target lacks, never deletes", () => {
    const { ready, waiting } = splitByKnownMember(
      [claim("c-1", "m-1", "1"), claim("c-2", "m-9", "2"), claim("c-3", "m-9", "3", "delete")],
      new Set(["m-1"]),
    );
    expect(ready.map((c) => c.id)).toEqual(["c-1", "c-3"]);
    expect(waiting.map((c) => c.id)).toEqual(["c-2"]);
  });

  it("gives every consumed message one outcome", () => {
    const plan = planBatch(
      [member("m-1", "2"), member("m-1", "1"), claim("c-1", "m-9", "3"), member("m-2", "4")]
        .map((u) => decodeUpdate(ref(u), "acme"))
        .concat(decodeUpdate(ref("x"), "acme")),
    );
    const rows = trailRows(plan, new Set(["member:m-1"]), new Set(["claim:c-1"]));
    expect(rows.map((r) => [r.entityRef, r.outcome])).toEqual([
      ["member:m-1", "applied"],
      ["claim:c-1", "retried"],
      ["member:m-2", "skipped_stale"],
      ["member:m-1", "skipped_stale"],
    ]);
  });
});

describe("isCalendarDate", () => {
  /** The Date round trip it replaces (proleptic Gregorian, years 0000–9999). */
  const byDate = (text: string) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
  };
  it("agrees with the Date round trip on every month and day around each kind of year", () => {
    const pad = (n: number, width: number) => String(n).padStart(width, "0");
    for (const year of [0, 1, 4, 100, 400, 1900, 1970, 2000, 2024, 2026, 2100, 9999])
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          expect(isCalendarDate(text), text).toBe(byDate(text));
        }
  });
  it("refuses what is not YYYY-MM-DD", () => {
    for (const text of ["2026-2-01", "2026-02-1", "20260201", "2026-02-01T00:00:00Z", " 2026-02-01", ""])
      expect(isCalendarDate(text), text).toBe(false);
  });
});

describe("decodeUpdate and U+0000", () => {
  it("still finds U+0000 in any field, and takes the text \\u0000 (an escaped backslash) for what it is", () => {
    const withNul = member("M1", "10");
    (withNul.data as { lastName: string }).lastName = "Love\u0000lace";
    const found = decodeUpdate(ref(JSON.stringify(withNul)), "acme");
    expect(found).toMatchObject({
      kind: "fatal",
      errorMessage: "data.lastName contains U+0000, which the target cannot store",
    });
    const nulInId = member("M\u00002", "10");
    expect(decodeUpdate(ref(JSON.stringify(nulInId)), "acme")).toMatchObject({
      kind: "fatal",
      errorMessage: "id contains U+0000, which the target cannot store",
    });
    const backslash = member("M1", "10");
    (backslash.data as { addressLine: string }).addressLine = "C:\\u0000 Main St";
    expect(decodeUpdate(ref(JSON.stringify(backslash)), "acme")).toMatchObject({ kind: "update" });
  });
});
