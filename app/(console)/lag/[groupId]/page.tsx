import { GroupDetail } from "@/components/lag/group-detail";
import { SurfacePage } from "@/components/shell/surface-page";
import { clusterId } from "@/server/clusters/cluster-input";
import { loadGroupPage } from "@/server/lag/group-page";

export default async function GroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ groupId: string }>;
  searchParams: Promise<{ cluster?: string | string[] }>;
}) {
  const id = decodeURIComponent((await params).groupId);
  // the cluster, where one group name is used on several; an unusable value reads as none
  const cluster = clusterId.safeParse((await searchParams).cluster);
  return (
    <SurfacePage permission="lag.read" title={id} description="Consumer group: lag per partition, history and status.">
      {async () => {
        const loaded = await loadGroupPage(id, cluster.success ? cluster.data : undefined);
        return loaded && <GroupDetail initial={loaded} />;
      }}
    </SurfacePage>
  );
}
