import { recentRate, type SumSample } from "@/server/lag/throughput";

/**
 * In-rates of topics no consumer group reads (the DLQ), so the lag sampler has no end-offset
 * history for them: this process remembers the end-offset sums it read on earlier polls. Null
 * until two reads some time apart exist.
 */
export class TopicRateMemory {
  private readonly samples = new Map<string, SumSample[]>();

  constructor(
    private readonly keepMs = 120_000,
    private readonly windowMs = 30_000,
  ) {}

  observe(topic: string, sum: number, atMs: number): number | null {
    const kept = (this.samples.get(topic) ?? []).filter((s) => s.atMs > atMs - this.keepMs && s.sum <= sum);
    kept.push({ atMs, sum });
    this.samples.set(topic, kept);
    if (this.samples.size > 10_000) this.samples.delete(this.samples.keys().next().value!);
    return kept.length > 1 && kept[kept.length - 1]!.atMs - kept[0]!.atMs >= 1_000
      ? recentRate(kept, this.windowMs)
      : null;
  }
}
