import { RetryView } from "@/components/retries/retry-view";
import { SurfacePage } from "@/components/shell/surface-page";

export const metadata = { title: "Retry queue" };

export default async function TenantRetriesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug: tenant } = await params;
  return (
    <SurfacePage
      permission="retry.read"
      title={`Retry queue of ${tenant}`}
      description="Messages waiting for their next attempt, grouped by cause, with depth and age over time."
    >
      {() => <RetryView tenant={tenant} />}
    </SurfacePage>
  );
}
