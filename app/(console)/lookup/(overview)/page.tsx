import { Suspense } from "react";
import { RecentFailures } from "@/components/lookup/recent-failures";
import { SearchBox } from "@/components/lookup/search-box";
import { SurfacePage } from "@/components/shell/surface-page";
import { WidgetSkeleton } from "@/components/ui/widget-skeleton";
import { tenantsWith, type Viewer } from "@/server/auth/access";
import { listRecentFailures } from "@/server/lookup/lookup";

export const metadata = { title: "Lookup" };

async function Failures({ viewer }: { viewer: Viewer }) {
  return <RecentFailures failures={await listRecentFailures(viewer)} />;
}

/** The search box is usable at once; the recent failures stream in below it. */
export default function LookupPage() {
  return (
    <SurfacePage
      permission="entity.read"
      title="Lookup"
      description="Find a member or a claim and see each claim's sync state and its path through the pipeline."
    >
      {(viewer) => {
        const byName = tenantsWith(viewer, "entity.read_unmasked");
        return (
          <>
            <SearchBox canSearchByName={byName === "all" || byName.length > 0} />
            <Suspense
              fallback={<WidgetSkeleton label="Loading recently failed claims" className="mt-6 h-40 max-w-4xl" />}
            >
              <Failures viewer={viewer} />
            </Suspense>
          </>
        );
      }}
    </SurfacePage>
  );
}
