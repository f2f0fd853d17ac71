import { z } from "zod";

/**
 * The canonical entity update on `sync.<tenant>.updates`: what the cdc-processor makes of a
 * Debezium change event and what the update-processor applies. Keyed by member id, so a member
 * and their claims stay in order on one partition.
 *
 * Ordering and idempotency: `sourceLsn` is the source commit's WAL position (a decimal string,
 * bigint-safe). The target keeps the highest LSN applied per entity and ignores anything not
 * newer, so duplicates and replays never double-apply and an older change never overwrites a
 * newer one. `sourceVersion` is the source row's own version counter, used by reconciliation.
 */
const decimal = z.string().regex(/^-?\d{1,12}(\.\d{1,4})?$/, "must be a decimal amount like 12.34");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-11-23");
const lsn = z.string().regex(/^\d{1,20}$/, "must be a decimal LSN");

export const memberDataSchema = z.object({
  memberId: z.string().min(1).max(40),
  firstName: z.string().min(1).max(100),
  lastName: z.string().min(1).max(100),
  dateOfBirth: isoDate,
  addressLine: z.string().max(200),
  city: z.string().max(100),
  state: z.string().length(2),
  postalCode: z.string().max(10),
  planId: z.string().max(40),
  status: z.enum(["ACTIVE", "TERMINATED"]),
});

export const CLAIM_STATUSES = ["PENDING", "PAID", "REJECTED", "REVERSED"] as const;

export const claimDataSchema = z.object({
  claimId: z.string().min(1).max(40),
  memberId: z.string().min(1).max(40),
  ndc: z.string().regex(/^\d{11}$/, "must be an 11-digit NDC"),
  drugName: z.string().min(1).max(200),
  pharmacyId: z.string().min(1).max(20),
  quantity: z.number().int().positive().max(100_000),
  daysSupply: z.number().int().positive().max(365),
  amountBilled: decimal,
  amountPaid: decimal,
  status: z.enum(CLAIM_STATUSES),
  fillDate: isoDate,
});

const provenance = {
  tenant: z.string().min(1),
  op: z.enum(["upsert", "delete"]),
  sourceLsn: lsn,
  sourceVersion: z.number().int().nonnegative(),
  /** source commit time (Debezium `source.ts_ms`) */
  sourceTsMs: z.number().int().positive(),
  cdcTopic: z.string(),
  cdcPartition: z.number().int().nonnegative(),
  cdcOffset: z.string(),
};

export const canonicalUpdateSchema = z.discriminatedUnion("entity", [
  z.object({
    ...provenance,
    entity: z.literal("member"),
    id: z.string(),
    memberId: z.string(),
    data: memberDataSchema.nullable(),
  }),
  z.object({
    ...provenance,
    entity: z.literal("claim"),
    id: z.string(),
    memberId: z.string(),
    data: claimDataSchema.nullable(),
  }),
]);

export type MemberData = z.infer<typeof memberDataSchema>;
export type ClaimData = z.infer<typeof claimDataSchema>;
export type CanonicalUpdate = z.infer<typeof canonicalUpdateSchema>;

/** `member:<id>` / `claim:<id>`, the form used in headers and the event trail. */
export function entityRef(update: Pick<CanonicalUpdate, "entity" | "id">): string {
  return `${update.entity}:${update.id}`;
}
