import { notFound } from "next/navigation";
import { MemberDetail } from "@/components/lookup/member-detail";
import { Forbidden } from "@/components/shell/forbidden";
import { SurfacePage } from "@/components/shell/surface-page";
import { getMemberPage } from "@/server/entities/lookup";
import { AppError } from "@/server/errors";

export const metadata = { title: "Member" };

export default async function MemberPage({ params }: { params: Promise<{ tenant: string; memberId: string }> }) {
  const { tenant, memberId } = await params;
  return (
    <SurfacePage permission="entity.read" title={`Member ${decodeURIComponent(memberId)}`} description="Profile, claims and each claim's sync state and path through the pipeline.">
      {async (viewer) => {
        try {
          return <MemberDetail initial={await getMemberPage(viewer, decodeURIComponent(tenant), decodeURIComponent(memberId))} />;
        } catch (error) {
          if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
          if (error instanceof AppError && error.code === "FORBIDDEN") return <Forbidden reason={error.message} />;
          throw error;
        }
      }}
    </SurfacePage>
  );
}
