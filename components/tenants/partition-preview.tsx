import { Layers } from "lucide-react";
import { planPartitions } from "@/server/tenants/partitions";
import { planPlacement, type PlacementRule } from "@/server/tenants/placement-plan";

/**
 * The partition plan for the volumes typed so far, as the approval and provisioning will compute
 * it, and (given the onboarding rule) where the processors will run.
 */
export function PartitionPreview({
  volume,
  placementRule,
}: {
  volume: { expectedDailyChanges: number; peakChangesPerSecond: number };
  placementRule?: PlacementRule;
}) {
  const plan = planPartitions(volume);
  const placement = placementRule ? planPlacement(plan.plannedPerSecond, placementRule) : null;
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
        {placement && (
          <p className="mt-1 text-xs text-indigo-800 dark:text-indigo-200" data-testid="placement-preview">
            <span className="font-semibold text-indigo-900 dark:text-indigo-100">
              Processors: {placement.placement === "dedicated" ? "dedicated" : placement.placement}
            </span>{" "}
            — {placement.explanation}.
          </p>
        )}
      </div>
    </div>
  );
}
