import { GroupDetail } from "@/components/lag/group-detail";
import { SurfacePage } from "@/components/shell/surface-page";
import { loadGroupPage } from "@/server/lag/group-page";

export default async function GroupPage({ params }: { params: Promise<{ groupId: string }> }) {
  const id = decodeURIComponent((await params).groupId);
  return (
    <SurfacePage permission="lag.read" title={id} description="Consumer group: lag per partition, history and status.">
      {async () => {
        const loaded = await loadGroupPage(id);
        return loaded && <GroupDetail initial={loaded} />;
      }}
    </SurfacePage>
  );
}
