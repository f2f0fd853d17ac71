import { Suspense } from "react";
import { DlqView } from "@/components/retries/dlq-view";
import { Forbidden } from "@/components/shell/forbidden";
import { SurfacePage } from "@/components/shell/surface-page";
import { WidgetSkeleton } from "@/components/ui/widget-skeleton";
import type { Viewer } from "@/server/auth/access";
import { getDlqPageContext } from "@/server/retries/queue-summary";

export const metadata = { title: "Dead letters" };

async function DeadLetters({ viewer, tenant, entity }: { viewer: Viewer; tenant: string; entity: string }) {
  const context = await getDlqPageContext(viewer, tenant);
  if ("error" in context) return <Forbidden reason={context.error} />;
  return <DlqView tenant={tenant} canReplay={context.canReplay} classes={context.classes} entity={entity} />;
}

/** `?entity=claim:C-1` opens the page filtered to one entity (the member lookup links here). */
export default async function TenantDlqPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ entity?: string | string[] }>;
}) {
  const { slug: tenant } = await params;
  const { entity } = await searchParams;
  return (
    <SurfacePage
      permission="dlq.read"
      title={`Dead letters of ${tenant}`}
      description="Filter, inspect, replay (dry run first) or resolve the messages the pipeline gave up on."
    >
      {(viewer) => (
        <Suspense fallback={<WidgetSkeleton label="Loading the dead letters" className="h-96" />}>
          <DeadLetters
            viewer={viewer}
            tenant={tenant}
            entity={typeof entity === "string" ? entity.slice(0, 200) : ""}
          />
        </Suspense>
      )}
    </SurfacePage>
  );
}
