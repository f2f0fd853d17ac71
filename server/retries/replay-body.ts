/** Request bodies of replay and resolve: plain schemas, so the OpenAPI description can show them. */
import { z } from "zod";
import { selectionSchema } from "./replay-selection";

export const MAX_REPLAY_RATE = 50_000;

export const replayBodySchema = z
  .object({
    selection: selectionSchema,
    target: z.enum(["retry", "original"]).default("original"),
    ratePerSec: z.number().int().min(1).max(MAX_REPLAY_RATE).default(1_000),
    dryRun: z.boolean().default(false),
  })
  .strict();

export const resolveBodySchema = z
  .object({
    selection: selectionSchema,
    action: z.enum(["resolve", "discard"]),
    reason: z.string().trim().min(3, "give a reason of at least 3 characters").max(500),
  })
  .strict();
