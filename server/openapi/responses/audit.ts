import { z } from "zod";
import { json, obj } from "./registry";

export const auditPage = obj({
  events: z.array(
    obj({
      id: z.string(),
      at: z.string(),
      actorEmail: z.string(),
      actorRole: z.string(),
      tenantId: z.string().nullable(),
      tenantSlug: z.string().nullable(),
      action: z.string(),
      target: z.string(),
      before: json,
      after: json,
      requestId: z.string(),
      sourceAddress: z.string(),
    }),
  ),
  nextCursor: z.string().nullable().describe("pass as `cursor` for the next (older) page; null on the last"),
});
