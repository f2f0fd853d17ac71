import { GroupsTable } from "@/components/lag/groups-table";
import { SurfacePage } from "@/components/shell/surface-page";
import { listConsumerGroups } from "@/server/lag/read-lag";

export const metadata = { title: "Lag" };

export default function LagPage() {
  return (
    <SurfacePage
      permission="lag.read"
      title="Consumer lag"
      description="Every consumer group you may see, in messages and in seconds, with Burrow-style status. Sampled in the background every few seconds."
    >
      {async (viewer) => <GroupsTable initial={await listConsumerGroups(viewer, {})} />}
    </SurfacePage>
  );
}
