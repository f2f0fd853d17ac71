import { MemberDetail } from "@/components/lookup/member-detail";
import { Forbidden } from "@/components/shell/forbidden";
import { SurfacePage } from "@/components/shell/surface-page";
import { loadMemberPage } from "@/server/lookup/member-page";

export const metadata = { title: "Member" };

export default async function MemberPage({ params }: { params: Promise<{ slug: string; memberId: string }> }) {
  const { slug, memberId } = await params;
  return (
    <SurfacePage
      permission="entity.read"
      title={`Member ${decodeURIComponent(memberId)}`}
      description="Profile, claims and each claim's sync state and path through the pipeline."
    >
      {async () => {
        const loaded = await loadMemberPage(decodeURIComponent(slug), decodeURIComponent(memberId));
        if (!loaded) return null;
        return "forbidden" in loaded ? (
          <Forbidden reason={loaded.forbidden} />
        ) : (
          <MemberDetail initial={loaded.member} />
        );
      }}
    </SurfacePage>
  );
}
