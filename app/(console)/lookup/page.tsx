import { Search } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { SurfacePage } from "@/components/shell/surface-page";

export const metadata = { title: "Lookup" };

export default function LookupPage() {
  return (
    <SurfacePage permission="entity.read" title="Lookup" description="Find a member or a claim and see each claim's sync state and its path through the pipeline.">
      {() => (
        <EmptyState icon={Search} title="Search for a member or claim">
          Look up by member id or claim id to see where each change is and whether the app has it.
        </EmptyState>
      )}
    </SurfacePage>
  );
}
