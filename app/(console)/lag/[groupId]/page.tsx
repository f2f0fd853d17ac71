import { notFound } from "next/navigation";
import { GroupDetail } from "@/components/lag/group-detail";
import { SurfacePage } from "@/components/shell/surface-page";
import { clusterId } from "@/server/clusters/cluster-input";
import { AppError } from "@/server/errors";
import { getConsumerGroup } from "@/server/lag/read-lag";

async function loadOrNotFound(load: () => ReturnType<typeof getConsumerGroup>) {
  try {
    return await load();
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export default async function GroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ groupId: string }>;
  searchParams: Promise<{ cluster?: string | string[] }>;
}) {
  const { groupId } = await params;
  const id = decodeURIComponent(groupId);
  // the cluster, where one group name is used on several; an unusable value reads as none
  const cluster = clusterId.safeParse((await searchParams).cluster);
  return (
    <SurfacePage permission="lag.read" title={id} description="Consumer group: lag per partition, history and status.">
      {async (viewer) => (
        <GroupDetail
          initial={await loadOrNotFound(() =>
            getConsumerGroup(viewer, id, cluster.success ? { cluster: cluster.data } : {}),
          )}
        />
      )}
    </SurfacePage>
  );
}
