/**
 * When one tenant of a pool fails (its target rows are locked past the lock timeout, a batch
 * its handler cannot get through), that tenant's partitions are paused — only its — and tried
 * again after an exponential backoff; the first batch that goes through clears the count.
 * Pure: the clock is passed in.
 */
import { backoffMs } from "@/lib/backoff";

export interface PausePolicy {
  baseMs: number;
  maxMs: number;
}

export interface TenantPauseState {
  /** failures in a row */
  failures: number;
  /** epoch ms until which the tenant's partitions stay paused; 0 = not paused */
  pausedUntilMs: number;
}

export const RUNNING: TenantPauseState = { failures: 0, pausedUntilMs: 0 };

/**
 * A failure while the tenant is already paused (another of its partitions was still in flight
 * when the first failed) is the same incident: it does not lengthen the pause again.
 */
export function afterFailure(state: TenantPauseState, nowMs: number, policy: PausePolicy): TenantPauseState {
  if (pauseRemainingMs(state, nowMs) > 0) return state;
  const failures = state.failures + 1;
  return { failures, pausedUntilMs: nowMs + backoffMs(failures, policy) };
}

export function afterSuccess(): TenantPauseState {
  return RUNNING;
}

/** How long the tenant stays paused from `nowMs`; 0 when it may run. */
export function pauseRemainingMs(state: TenantPauseState, nowMs: number): number {
  return Math.max(0, state.pausedUntilMs - nowMs);
}
