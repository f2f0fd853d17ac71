import { cn } from "./cn";
import { Skeleton } from "./skeleton";

/**
 * The stand-in of one widget while its data streams in: the page around it is already usable, and
 * assistive technology hears that this part is still loading.
 */
export function WidgetSkeleton({ label, className }: { label: string; className?: string }) {
  return (
    <div
      role="status"
      aria-busy="true"
      aria-label={label}
      data-testid="widget-skeleton"
      className={cn("flex flex-col gap-3", className)}
    >
      <Skeleton className="h-5 w-40" />
      <Skeleton className="min-h-24 flex-1" />
    </div>
  );
}
