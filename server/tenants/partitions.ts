/**
 * How many partitions a new tenant's topics get, from the volume it expects. Partitions bound a
 * consumer group's parallelism, so the count is planned for the peak with one partition per
 * PARTITION_RATE changes/s (well inside what one update-processor instance applies), at least
 * MIN_PARTITIONS so three replicas can share the work, at most MAX_PARTITIONS. Partitions can be
 * added later but never removed, so the plan errs small.
 */
export const PARTITION_RATE = 250;
export const MIN_PARTITIONS = 3;
export const MAX_PARTITIONS = 64;
/** when no peak is given, the average rate times this stands in for it */
export const PEAK_TO_AVERAGE = 3;

export type VolumePlan = { partitions: number; plannedPerSecond: number; explanation: string };

export function planPartitions(volume: { expectedDailyChanges: number; peakChangesPerSecond: number }): VolumePlan {
  const averagePerSecond = volume.expectedDailyChanges / 86_400;
  const plannedPerSecond = Math.ceil(Math.max(volume.peakChangesPerSecond, averagePerSecond * PEAK_TO_AVERAGE));
  const wanted = Math.ceil(plannedPerSecond / PARTITION_RATE);
  const partitions = Math.min(MAX_PARTITIONS, Math.max(MIN_PARTITIONS, wanted));
  const basis =
    volume.peakChangesPerSecond >= averagePerSecond * PEAK_TO_AVERAGE
      ? `peak ${fmt(volume.peakChangesPerSecond)}/s`
      : `${PEAK_TO_AVERAGE}× the average of ${fmt(Math.round(averagePerSecond))}/s`;
  const bound =
    wanted < MIN_PARTITIONS
      ? ` (at least ${MIN_PARTITIONS})`
      : wanted > MAX_PARTITIONS
        ? ` (at most ${MAX_PARTITIONS})`
        : "";
  return {
    partitions,
    plannedPerSecond,
    explanation: `${basis} ÷ ${PARTITION_RATE}/s per partition → ${partitions} partitions${bound}`,
  };
}

const fmt = (n: number) => n.toLocaleString("en-US");
