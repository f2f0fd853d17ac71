import { cn } from "@/components/ui/cn";
import type { TargetJson } from "./types";

/** One box per desired replica: green ready, amber starting, red crashed, grey not running. */
export function InstanceBar({ target }: { target: TargetJson }) {
  const slots = Math.max(target.desired.replicas, target.instances.length);
  return (
    <div className="flex items-center gap-2">
      <div className="flex gap-1" aria-hidden>
        {Array.from({ length: slots }, (_, i) => {
          const instance = target.instances.find((x) => x.replica === i + 1);
          const tone = !instance
            ? "bg-slate-200 dark:bg-slate-700"
            : instance.state === "restarting"
              ? "bg-red-500"
              : instance.ready
                ? "bg-emerald-500"
                : instance.state === "running"
                  ? "bg-amber-400"
                  : "bg-slate-300 dark:bg-slate-600";
          return (
            <span
              key={i}
              title={
                instance ? `${instance.instanceId}: ${instance.state}, ${instance.restarts} restart(s)` : "not running"
              }
              className={cn("h-4 w-3 rounded-sm", tone)}
            />
          );
        })}
      </div>
      <span className="text-sm tabular-nums text-slate-700 dark:text-slate-300" data-testid="instance-count">
        {target.status.ready}/{target.desired.replicas}
      </span>
    </div>
  );
}
