import { notFound } from "next/navigation";
import { MemberDetail } from "@/components/lookup/member-detail";
import { Forbidden } from "@/components/shell/forbidden";
import { SurfacePage } from "@/components/shell/surface-page";
import type { Viewer } from "@/server/auth/access";
import { tenantForPage } from "@/server/auth/page-tenant";
import { assertMemberRequest, getMemberPage } from "@/server/lookup/lookup";
import { AppError } from "@/server/errors";

export const metadata = { title: "Member" };

/** The member, the 404 page for a member that is not there, or why the viewer may not read it. */
async function loadMember(viewer: Viewer, slug: string, memberId: string) {
  try {
    assertMemberRequest(viewer, slug, memberId);
    const access = await tenantForPage(viewer, slug, "entity.read");
    if ("forbidden" in access) return access;
    return { member: await getMemberPage(viewer, access.tenant, memberId) };
  } catch (error) {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    if (error instanceof AppError && error.code === "FORBIDDEN") return { forbidden: error.message };
    throw error;
  }
}

export default async function MemberPage({ params }: { params: Promise<{ slug: string; memberId: string }> }) {
  const { slug: tenant, memberId } = await params;
  return (
    <SurfacePage
      permission="entity.read"
      title={`Member ${decodeURIComponent(memberId)}`}
      description="Profile, claims and each claim's sync state and path through the pipeline."
    >
      {async (viewer) => {
        const loaded = await loadMember(viewer, decodeURIComponent(tenant), decodeURIComponent(memberId));
        return "forbidden" in loaded ? (
          <Forbidden reason={loaded.forbidden} />
        ) : (
          <MemberDetail initial={loaded.member} />
        );
      }}
    </SurfacePage>
  );
}
