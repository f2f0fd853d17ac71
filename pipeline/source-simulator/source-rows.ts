/** New source rows with plausible values: a member with an address and a plan, a pharmacy claim for a drug. */
import {
  CITIES,
  DRUGS,
  FIRST_NAMES,
  LAST_NAMES,
  PHARMACY_IDS,
  PLAN_IDS,
  STREETS,
  STREET_SUFFIXES,
} from "./reference-data";
import type { Draw } from "./rng";
import type { ClaimRow, MemberAddress, MemberRow } from "./source-change";

const pad = (n: number) => String(n).padStart(2, "0");

export function memberRow(draw: Draw, id: string, today: Date): MemberRow {
  const birthYear = today.getUTCFullYear() - draw.between(1, 90);
  return {
    member_id: id,
    first_name: draw.pick(FIRST_NAMES),
    last_name: draw.pick(LAST_NAMES),
    date_of_birth: `${birthYear}-${pad(draw.between(1, 12))}-${pad(draw.between(1, 28))}`,
    ...memberAddress(draw),
    plan_id: draw.pick(PLAN_IDS),
    status: "ACTIVE",
  };
}

export function memberAddress(draw: Draw): MemberAddress {
  const place = draw.pick(CITIES);
  return {
    address_line: `${draw.between(1, 9899)} ${draw.pick(STREETS)} ${draw.pick(STREET_SUFFIXES)}`,
    city: place.city,
    state: place.state,
    postal_code: `${place.zip3}${pad(draw.between(0, 99))}`,
  };
}

/** A pending claim filled in the last few days; `claimId` names it (it takes the next id only once the row's values are drawn). */
export function claimRow(draw: Draw, member: string, now: Date, claimId: () => string): ClaimRow {
  const drug = draw.pick(DRUGS);
  const quantity = drug.quantity * draw.between(1, 3);
  const fill = new Date(now.getTime() - draw.between(0, 3) * 86_400_000);
  // Ingredient cost with a markup, plus a dispensing fee.
  const billed = quantity * drug.unitPrice * (1 + draw.rng() * 0.3) + 1.5 + draw.rng() * 10;
  return {
    claim_id: claimId(),
    member_id: member,
    ndc: drug.ndc,
    drug_name: drug.name,
    pharmacy_id: draw.pick(PHARMACY_IDS),
    quantity,
    days_supply: drug.daysSupply * (quantity / drug.quantity),
    amount_billed: billed.toFixed(2),
    amount_paid: "0.00",
    status: "PENDING",
    fill_date: fill.toISOString().slice(0, 10),
  };
}
