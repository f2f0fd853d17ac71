import { Layers } from "lucide-react";
import { planPartitions } from "@/server/tenants/partitions";

/** The partition plan for the volumes typed so far, as the approval and provisioning will compute it. */
export function PartitionPreview({
  volume,
}: {
  volume: { expectedDailyChanges: number; peakChangesPerSecond: number };
}) {
  const plan = planPartitions(volume);
  return (
    <div
      className="flex items-start gap-3 rounded-lg border border-indigo-100 dark:border-indigo-900 bg-indigo-50/60 dark:bg-indigo-950/30 px-4 py-3 text-sm"
      data-testid="partition-preview"
      aria-live="polite"
    >
      <Layers className="mt-0.5 h-4 w-4 shrink-0 text-indigo-600 dark:text-indigo-400" aria-hidden />
      <div>
        <p className="font-semibold text-indigo-900 dark:text-indigo-100">{plan.partitions} partitions per topic</p>
        <p className="text-xs text-indigo-800 dark:text-indigo-200">
          {plan.explanation}; planned for {plan.plannedPerSecond.toLocaleString("en-US")} changes/s.
        </p>
      </div>
    </div>
  );
}
