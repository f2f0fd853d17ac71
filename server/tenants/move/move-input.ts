/** The body of POST /api/tenants/{slug}/placement (zod at the edge). */
import { z } from "zod";
import { placementSchema } from "@/lib/contract/placement";

export const moveInput = z.strictObject({
  placement: placementSchema,
  reason: z.string().trim().min(3, "say why (at least 3 characters)").max(500).optional(),
});
export type MoveInput = z.infer<typeof moveInput>;
