import { Suspense } from "react";
import { GroupsTable } from "@/components/lag/groups-table";
import { SurfacePage } from "@/components/shell/surface-page";
import { WidgetSkeleton } from "@/components/ui/widget-skeleton";
import type { Viewer } from "@/server/auth/access";
import { listConsumerGroups } from "@/server/lag/read-lag";

export const metadata = { title: "Lag" };

async function Groups({ viewer }: { viewer: Viewer }) {
  return <GroupsTable initial={await listConsumerGroups(viewer, {})} />;
}

export default function LagPage() {
  return (
    <SurfacePage
      permission="lag.read"
      title="Consumer lag"
      description="Every consumer group you may see, in messages and in seconds, with Burrow-style status. Sampled in the background every few seconds."
    >
      {(viewer) => (
        <Suspense fallback={<WidgetSkeleton label="Loading the consumer groups" className="h-96" />}>
          <Groups viewer={viewer} />
        </Suspense>
      )}
    </SurfacePage>
  );
}
