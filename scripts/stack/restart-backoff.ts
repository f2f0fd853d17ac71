import { backoffMs } from "../../lib/backoff";

/**
 * Delay before restarting a crashed process: doubling from `baseMs` up to `maxMs`, and back to
 * the base once the process had stayed up for `healthyAfterMs` (a crash after a long healthy run is
 * not part of a crash loop).
 */
export function restartDelay(
  consecutiveCrashes: number,
  uptimeMs: number,
  { baseMs = 1_000, maxMs = 30_000, healthyAfterMs = 60_000 } = {},
): { delayMs: number; consecutiveCrashes: number } {
  const crashes = uptimeMs >= healthyAfterMs ? 1 : consecutiveCrashes + 1;
  return { delayMs: backoffMs(crashes, { baseMs, maxMs }), consecutiveCrashes: crashes };
}
