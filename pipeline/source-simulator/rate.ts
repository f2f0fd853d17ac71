/**
 * Pacing of the simulator: a token bucket refilled from the measured clock (not from counting
 * timer ticks), so late timers and slow transactions never make the long-run rate drift; the
 * bucket's capacity bounds how much a stall may be made up at once.
 */
export interface Burst {
  /** Rate multiplier during a burst. */
  factor: number;
  durationMs: number;
  /** A burst ends every `everyMs` (the first one `everyMs` after the start). */
  everyMs: number;
}

/** Target changes/s at `elapsedMs` after the start: the base rate, times `factor` in the last `durationMs` of each period. */
export function rateAt(elapsedMs: number, baseRate: number, burst?: Burst): number {
  if (!burst) return baseRate;
  const intoPeriod = elapsedMs % burst.everyMs;
  return intoPeriod >= burst.everyMs - burst.durationMs ? baseRate * burst.factor : baseRate;
}

/** `<factor>x<seconds>s[/<every>s]`, e.g. `5x10s/60s`: 5× the rate for 10 s of every minute (default every 60 s). */
export function parseBurst(text: string): Burst {
  const match = /^(\d+(?:\.\d+)?)x(\d+)s(?:\/(\d+)s)?$/.exec(text.trim());
  if (!match) throw new Error(`burst "${text}" must look like 5x10s or 5x10s/60s`);
  const burst = {
    factor: Number(match[1]),
    durationMs: Number(match[2]) * 1000,
    everyMs: Number(match[3] ?? 60) * 1000,
  };
  if (burst.factor < 1 || burst.durationMs <= 0 || burst.durationMs > burst.everyMs) {
    throw new Error(`burst "${text}": the factor must be ≥ 1 and the burst no longer than its period`);
  }
  return burst;
}

export class TokenBucket {
  private tokens = 0;
  private lastMs: number;

  /** `capacitySeconds`: how many seconds' worth of changes may accumulate while we were busy. */
  constructor(
    startMs: number,
    private readonly capacitySeconds = 1,
  ) {
    this.lastMs = startMs;
  }

  /** Adds what `ratePerSecond` earned since the last refill; returns the whole tokens available. */
  refill(nowMs: number, ratePerSecond: number): number {
    const elapsed = Math.max(0, nowMs - this.lastMs);
    this.lastMs = nowMs;
    const capacity = Math.max(1, ratePerSecond * this.capacitySeconds);
    this.tokens = Math.min(capacity, this.tokens + (ratePerSecond * elapsed) / 1000);
    return Math.floor(this.tokens);
  }

  take(count: number): void {
    this.tokens -= count;
  }
}
