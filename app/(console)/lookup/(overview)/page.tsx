import { RecentFailures } from "@/components/lookup/recent-failures";
import { SearchBox } from "@/components/lookup/search-box";
import { SurfacePage } from "@/components/shell/surface-page";
import { tenantsWith } from "@/server/auth/access";
import { listRecentFailures } from "@/server/entities/lookup";

export const metadata = { title: "Lookup" };

export default function LookupPage() {
  return (
    <SurfacePage permission="entity.read" title="Lookup" description="Find a member or a claim and see each claim's sync state and its path through the pipeline.">
      {async (viewer) => {
        const byName = tenantsWith(viewer, "entity.read_unmasked");
        return (
          <>
            <SearchBox canSearchByName={byName === "all" || byName.length > 0} />
            <RecentFailures failures={await listRecentFailures(viewer)} />
          </>
        );
      }}
    </SurfacePage>
  );
}
