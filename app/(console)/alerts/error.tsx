"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function Error({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;
  return <SegmentError digest={digest} onRetry={retry} />;
}
