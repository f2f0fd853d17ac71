/**
 * Turns the lookup's rows (target, trail, source) into what the member page shows: a profile masked
 * unless revealed, each claim's sync state and timeline, and the sentence at the top. Pure.
 */
import { explainMember } from "./explain";
import type { MemberRecords, MemberRow } from "./lookup-queries";
import { maskDateOfBirth, maskName, maskStreet, maskTrailing } from "./masking";
import {
  buildTimeline,
  deriveSyncState,
  type EntityVersions,
  type SyncState,
  type TimelineStep,
  type TrailEvent,
} from "./sync-state";

export type SourceVersions = { version: string; updatedAt: string };
/** The source's versions of the member and their claims; null when the source could not be read. */
export type SourceSnapshot = { member: SourceVersions | null; claims: Map<string, SourceVersions> } | null;

export type Profile = {
  name: string | null;
  dateOfBirth: string | null;
  addressLine: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  planId: string | null;
  status: string | null;
  masked: boolean;
};

export type ClaimView = {
  claimId: string;
  drugName: string | null;
  pharmacyId: string | null;
  status: string | null;
  fillDate: string | null;
  amountPaid: string | null;
  targetVersion: string | null;
  sourceVersion: string | null;
  state: SyncState;
  timeline: TimelineStep[];
};

export type MemberView = {
  tenant: string;
  memberId: string;
  profile: Profile | null;
  memberState: SyncState;
  explanation: string;
  claims: ClaimView[];
  checkedAt: string;
  sourceReadable: boolean;
};

export function profileOf(row: MemberRow, unmasked: boolean): Profile {
  const name = [row.first_name, row.last_name].filter(Boolean).join(" ") || null;
  return {
    name: unmasked ? name : maskName(name),
    dateOfBirth: unmasked ? row.date_of_birth : maskDateOfBirth(row.date_of_birth),
    addressLine: unmasked ? row.address_line : maskStreet(row.address_line),
    city: row.city,
    state: row.state,
    postalCode:
      unmasked || !row.postal_code
        ? row.postal_code
        : row.postal_code.slice(0, 3) + maskTrailing(row.postal_code.slice(3), 0),
    planId: row.plan_id,
    status: row.status,
    masked: !unmasked,
  };
}

function versionsOf(source: SourceSnapshot, id: string | null, target: EntityVersions["target"]): EntityVersions {
  if (source === null) return { source: undefined, target };
  return { source: id === null ? source.member : (source.claims.get(id) ?? null), target };
}

export function buildMemberView(
  tenant: string,
  memberId: string,
  records: MemberRecords,
  source: SourceSnapshot,
  now: Date,
  unmasked: boolean,
): MemberView {
  const byRef = new Map<string, TrailEvent[]>();
  for (const e of records.trail) byRef.set(e.entity_ref, [...(byRef.get(e.entity_ref) ?? []), e]);
  const targetClaims = new Map(records.claims.map((c) => [c.claim_id, c]));
  const claimIds = new Set([...targetClaims.keys(), ...(source?.claims.keys() ?? [])]);
  for (const ref of byRef.keys()) if (ref.startsWith("claim:")) claimIds.add(ref.slice(6));

  const claims: ClaimView[] = [...claimIds]
    .map((claimId) => {
      const row = targetClaims.get(claimId);
      const target = row
        ? { version: row.source_version, sourceTs: row.source_ts, appliedAt: row.applied_at, deleted: row.deleted }
        : null;
      const events = byRef.get(`claim:${claimId}`) ?? [];
      const versions = versionsOf(source, claimId, target);
      return {
        claimId,
        drugName: row?.drug_name ?? null,
        pharmacyId: row?.pharmacy_id ?? null,
        status: row?.status ?? null,
        fillDate: row?.fill_date ?? null,
        amountPaid: row?.amount_paid ?? null,
        targetVersion: target?.version ?? null,
        sourceVersion: versions.source?.version ?? null,
        state: deriveSyncState(versions, events, now),
        timeline: buildTimeline(events),
        gone: Boolean(row?.deleted) && !versions.source,
      };
    })
    .filter((c) => !(c.gone && c.state.kind === "in_sync"))
    .map(({ gone: _gone, ...claim }) => claim); // deleted on both sides
  const order = { failed: 0, retrying: 1, missing: 2, differs: 3, in_flight: 4, in_sync: 5 } as const;
  claims.sort(
    (a, b) =>
      order[a.state.kind] - order[b.state.kind] ||
      (b.fillDate ?? "").localeCompare(a.fillDate ?? "") ||
      a.claimId.localeCompare(b.claimId),
  );

  const m = records.member;
  const memberTarget = m
    ? { version: m.source_version, sourceTs: m.source_ts, appliedAt: m.applied_at, deleted: m.deleted }
    : null;
  const memberState = deriveSyncState(
    versionsOf(source, null, memberTarget),
    byRef.get(`member:${memberId}`) ?? [],
    now,
  );
  const latest = [...records.claims, ...(m ? [m] : [])].sort((a, b) => b.applied_at.localeCompare(a.applied_at))[0];
  const lastApply = latest
    ? { latencyMs: Math.max(0, Date.parse(latest.applied_at) - Date.parse(latest.source_ts)) }
    : null;
  let explanation = explainMember(claims, lastApply);
  if (memberState.kind === "failed") explanation = `The member record failed: ${memberState.reason}. ${explanation}`;
  return {
    tenant,
    memberId,
    profile: m ? profileOf(m, unmasked) : null,
    memberState,
    explanation,
    claims,
    checkedAt: now.toISOString(),
    sourceReadable: source !== null,
  };
}
