import { Gauge } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { SurfacePage } from "@/components/shell/surface-page";

export const metadata = { title: "Lag" };

export default function LagPage() {
  return (
    <SurfacePage permission="lag.read" title="Lag" description="Consumer lag per group, topic and partition, in messages and in seconds, with Burrow-style status and time to drain.">
      {() => (
        <EmptyState icon={Gauge} title="No lag samples yet">
          The lag sampler records committed and end offsets every few seconds; charts appear once consumer groups exist.
        </EmptyState>
      )}
    </SurfacePage>
  );
}
