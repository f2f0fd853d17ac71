import { z } from "zod";
import { obj } from "./registry";

const syncState = z.union([
  obj({ kind: z.literal("in_sync"), latencyMs: z.number().nullable() }),
  obj({ kind: z.literal("in_flight"), where: z.string(), sinceMs: z.number() }),
  obj({ kind: z.literal("retrying"), attempt: z.number(), nextTryAt: z.string(), error: z.string() }),
  obj({
    kind: z.literal("failed"),
    reason: z.string(),
    attempts: z.number(),
    since: z.string(),
    offset: z.string().nullable(),
  }),
  obj({ kind: z.literal("missing"), detail: z.string() }),
  obj({ kind: z.literal("differs"), detail: z.string() }),
]);

export const memberProfile = obj({
  name: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  addressLine: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postalCode: z.string().nullable(),
  planId: z.string().nullable(),
  status: z.string().nullable(),
  masked: z.boolean(),
});

export const memberPage = obj({
  tenant: z.string(),
  memberId: z.string(),
  profile: memberProfile.nullable(),
  memberState: syncState,
  explanation: z.string(),
  claims: z.array(
    obj({
      claimId: z.string(),
      drugName: z.string().nullable(),
      pharmacyId: z.string().nullable(),
      status: z.string().nullable(),
      fillDate: z.string().nullable(),
      amountPaid: z.string().nullable(),
      targetVersion: z.string().nullable(),
      sourceVersion: z.string().nullable(),
      state: syncState,
      timeline: z.array(
        obj({
          label: z.string(),
          at: z.string(),
          hopMs: z.number().nullable(),
          outcome: z.string(),
          error: z.string().nullable(),
          where: z.string().nullable(),
        }),
      ),
    }),
  ),
  checkedAt: z.string(),
  sourceReadable: z.boolean(),
  canReveal: z.string().nullable().describe("null when the viewer may reveal; otherwise why not"),
  canResync: z.string().nullable().describe("null when the viewer may re-sync; otherwise why not"),
});

export const revealedProfile = obj({ profile: memberProfile });

export const resyncResult = obj({ touched: z.array(z.string()), requestedAt: z.string() });

export const searchResult = obj({
  suggestions: z.array(
    obj({
      tenant: z.string(),
      memberId: z.string(),
      claimId: z.string().nullable(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      dateOfBirth: z.string().nullable(),
    }),
  ),
  masked: z.boolean(),
});

export const paletteResult = obj({
  hits: z.array(
    obj({
      kind: z.enum(["tenant", "action", "page", "group", "member", "claim"]),
      label: z.string(),
      detail: z.string(),
      href: z.string(),
    }),
  ),
});
