/**
 * CONSUMER_MAX_RATE: an instance's ceiling in messages per second, so one processor cannot
 * saturate the target database; throughput then grows with replicas. After a batch of `messages`
 * that took `elapsedMs`, the instance waits the returned time before taking the next.
 */
export function paceDelayMs(messages: number, elapsedMs: number, maxRatePerSecond: number | null): number {
  if (!maxRatePerSecond || messages <= 0) return 0;
  return Math.max(0, Math.round((messages * 1000) / maxRatePerSecond - elapsedMs));
}
