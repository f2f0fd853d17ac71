/**
 * How many retry records are waiting, and how many were deleted by retention before the
 * retry-processor read them. Pure: the caller reads the offsets.
 *
 * A record waits from the retry-processor's committed offset to the end of its partition. When
 * the committed offset is below the partition's log start, the records in between were deleted
 * by retention unread: those changes were never retried, and only a re-sync brings them back.
 */
export type RetryPartitionOffsets = {
  topic: string;
  partition: number;
  /** log start offset (the oldest record still kept) */
  low: number;
  /** end offset */
  high: number;
  /** the retry-processor group's committed offset; null when it never committed here */
  committed: number | null;
};

export type RetryDepth = {
  /** records waiting across every retry topic and partition */
  waiting: number;
  /** records deleted by retention before they were retried */
  lostToRetention: number;
  /** the partitions where records were lost, as `topic:partition` */
  lostIn: string[];
};

export function retryDepth(partitions: readonly RetryPartitionOffsets[]): RetryDepth {
  let waiting = 0;
  let lostToRetention = 0;
  const lostIn: string[] = [];
  for (const p of partitions) {
    // never committed: the processor starts from the beginning, i.e. from offset 0
    const position = p.committed ?? 0;
    waiting += Math.max(0, p.high - Math.max(position, p.low));
    const lost = Math.max(0, Math.min(p.low, p.high) - position);
    if (lost > 0) {
      lostToRetention += lost;
      lostIn.push(`${p.topic}:${p.partition}`);
    }
  }
  return { waiting, lostToRetention, lostIn };
}
