import { RotateCcw } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { SurfacePage } from "@/components/shell/surface-page";

export const metadata = { title: "Retries" };

export default function RetriesPage() {
  return (
    <SurfacePage permission="retry.read" title="Retries" description="Messages waiting in retry and in the dead-letter topic: why they failed, grouped by cause, and safe replay.">
      {() => (
        <EmptyState icon={RotateCcw} title="Nothing is waiting">
          Messages that fail processing wait here with their attempt count and due time before they reach the dead-letter topic.
        </EmptyState>
      )}
    </SurfacePage>
  );
}
