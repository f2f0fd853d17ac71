import { describe, expect, it } from "vitest";
import { createGenerator, seededRng, type SourceChange } from "./generator";
import { statement } from "./source-writer";

const changes = (() => {
  const generator = createGenerator({
    rng: seededRng(21),
    now: () => new Date("2026-11-23T00:00:00Z"),
    mix: { delete: 0.2 },
  });
  return Array.from({ length: 400 }, () => generator.next());
})();
const first = <K extends SourceChange["kind"]>(kind: K, table?: string) =>
  changes.find((change) => change.kind === kind && (table === undefined || change.table === table))!;

describe("statement", () => {
  it("inserts every column of the row, values as parameters", () => {
    const insert = first("new-claim");
    const sql = statement(insert);
    expect(sql.text).toMatch(
      /^INSERT INTO claims \(claim_id, member_id, ndc, drug_name, pharmacy_id, quantity, days_supply, amount_billed, amount_paid, status, fill_date\) VALUES \(\$1, .*\$11\)$/,
    );
    expect(sql.values).toEqual(Object.values((insert as Extract<SourceChange, { kind: "new-claim" }>).row));
  });

  it("updates only the changed columns of the row with that key", () => {
    const update = first("member-address");
    expect(statement(update)).toEqual({
      text: "UPDATE members SET address_line = $1, city = $2, state = $3, postal_code = $4 WHERE member_id = $5",
      values: [...Object.values((update as Extract<SourceChange, { kind: "member-address" }>).set), update.id],
    });
  });

  it("deletes by primary key", () => {
    const deletion = first("delete", "claims");
    expect(statement(deletion)).toEqual({ text: "DELETE FROM claims WHERE claim_id = $1", values: [deletion.id] });
  });
});
