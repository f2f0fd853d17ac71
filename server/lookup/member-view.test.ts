import { describe, expect, it } from "vitest";
import type { ClaimRow, MemberRow } from "./lookup-queries";
import { buildMemberView, profileOf } from "./member-view";

const NOW = new Date("2026-11-23T11:00:00.000Z");
const member: MemberRow = {
  tenant: "acme-health",
  member_id: "M7",
  first_name: "Jane",
  last_name: "Okafor",
  date_of_birth: "1984-03-02",
  address_line: "12 Elm St",
  city: "Springfield",
  state: "IL",
  postal_code: "62701",
  plan_id: "P1",
  status: "ACTIVE",
  source_version: "1",
  source_ts: "2026-11-23T10:00:00.000Z",
  applied_at: "2026-11-23T10:00:02.000Z",
  deleted: false,
};
const claim = (id: string, version: string, deleted = false): ClaimRow => ({
  claim_id: id,
  drug_name: "Atorvastatin",
  pharmacy_id: "PH1",
  status: "PAID",
  fill_date: "2026-11-01",
  amount_paid: "8.00",
  source_version: version,
  source_ts: "2026-11-23T10:00:00.000Z",
  applied_at: "2026-11-23T10:00:03.000Z",
  deleted,
});
const v = (version: string, updatedAt = "2026-11-23T10:00:00.000Z") => ({ version, updatedAt });

describe("profileOf", () => {
  it("masks name, date of birth, street and postal code unless revealed", () => {
    expect(profileOf(member, false)).toMatchObject({
      name: "J••• O•••••",
      dateOfBirth: "1984-••-••",
      addressLine: "•• ••• ••",
      postalCode: "627••",
      city: "Springfield",
      masked: true,
    });
    expect(profileOf(member, true)).toMatchObject({
      name: "Jane Okafor",
      dateOfBirth: "1984-03-02",
      addressLine: "12 Elm St",
      postalCode: "62701",
      masked: false,
    });
  });
});

describe("buildMemberView", () => {
  it("joins source, target and trail per claim, problems first, and hides claims deleted on both sides", () => {
    const source = {
      member: v("1"),
      claims: new Map([
        ["C-1", v("1")],
        ["C-2", v("2")],
        ["C-3", v("1", "2026-11-23T10:59:58.000Z")],
      ]),
    };
    const view = buildMemberView(
      "acme-health",
      "M7",
      { member, claims: [claim("C-1", "1"), claim("C-2", "1"), claim("C-9", "4", true)], trail: [] },
      source,
      NOW,
      false,
    );
    expect(view.claims.map((c) => [c.claimId, c.state.kind])).toEqual([
      ["C-2", "differs"],
      ["C-3", "in_flight"],
      ["C-1", "in_sync"],
    ]);
    expect(view.explanation).toBe(
      "Claim C-2 differs from the source: source has version 2, target has 1. Request a re-sync.",
    );
    expect(view.memberState.kind).toBe("in_sync");
    expect(view.profile?.masked).toBe(true);
  });

  it("says when everything is in sync, with the latest change's latency", () => {
    const source = { member: v("1"), claims: new Map([["C-1", v("1")]]) };
    const view = buildMemberView(
      "acme-health",
      "M7",
      { member, claims: [claim("C-1", "1")], trail: [] },
      source,
      NOW,
      false,
    );
    expect(view.explanation).toBe("The member's 1 claim is in sync; last change applied 3 s after the source commit");
  });
});
