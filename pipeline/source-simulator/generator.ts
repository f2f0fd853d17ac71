/**
 * What the source simulator writes: a pure, seeded stream of source changes (RNG and clock
 * injected, so a seed always yields the same stream). The generator keeps just enough state to
 * make changes that make sense — claims for existing members, status changes of pending claims,
 * reversals of paid ones — and, on request, faults the pipeline must survive.
 *
 * Its parts: the draws (rng.ts), the state (generator-state.ts), new rows (source-rows.ts), one
 * function per kind of change (operations.ts) and the faults (faults.ts).
 */
import { faultyChange } from "./faults";
import { emptyState, type GeneratorState } from "./generator-state";
import { operation } from "./operations";
import { drawFrom, type Rng } from "./rng";
import { FAULTS, OPERATION_KINDS, type OperationKind, type OperationMix, type SourceChange } from "./source-change";

export { seededRng, type Rng } from "./rng";
export { claimId, emptyState, memberId, RandomSet, type GeneratorState } from "./generator-state";
export * from "./source-change";

/** Relative weights; deletes are rare, as in a real claims system. */
export const DEFAULT_MIX: OperationMix = {
  "new-member": 0.08,
  "new-claim": 0.4,
  "claim-status": 0.35,
  "claim-reversal": 0.07,
  "member-address": 0.08,
  delete: 0.02,
};

export interface GeneratorOptions {
  rng: Rng;
  now: () => Date;
  mix?: Partial<OperationMix>;
  /** Fraction of changes that are faults, 0..1. */
  faultRate?: number;
  state?: GeneratorState;
}

export function createGenerator(options: GeneratorOptions): { next(): SourceChange; state: GeneratorState } {
  const mix = { ...DEFAULT_MIX, ...options.mix };
  const faultRate = options.faultRate ?? 0;
  const ctx = { draw: drawFrom(options.rng), state: options.state ?? emptyState(), now: options.now };
  const next = (): SourceChange =>
    faultRate > 0 && ctx.draw.rng() < faultRate
      ? faultyChange(ctx, ctx.draw.pick(FAULTS))
      : operation(ctx, chooseKind(mix, ctx.draw.rng));
  return { next, state: ctx.state };
}

function chooseKind(mix: OperationMix, rng: Rng): OperationKind {
  const total = OPERATION_KINDS.reduce((sum, kind) => sum + Math.max(0, mix[kind]), 0);
  let point = rng() * total;
  for (const kind of OPERATION_KINDS) {
    point -= Math.max(0, mix[kind]);
    if (point < 0) return kind;
  }
  return "new-claim";
}
