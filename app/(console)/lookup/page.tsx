import { SearchBox } from "@/components/lookup/search-box";
import { SurfacePage } from "@/components/shell/surface-page";
import { tenantsWith } from "@/server/auth/access";

export const metadata = { title: "Lookup" };

export default function LookupPage() {
  return (
    <SurfacePage permission="entity.read" title="Lookup" description="Find a member or a claim and see each claim's sync state and its path through the pipeline.">
      {(viewer) => {
        const byName = tenantsWith(viewer, "entity.read_unmasked");
        return <SearchBox canSearchByName={byName === "all" || byName.length > 0} />;
      }}
    </SurfacePage>
  );
}
