import Link from "@/components/ui/link";
import { Suspense } from "react";
import { RotateCcw } from "lucide-react";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SurfacePage } from "@/components/shell/surface-page";
import { WidgetSkeleton } from "@/components/ui/widget-skeleton";
import type { Viewer } from "@/server/auth/access";
import { listQueueSummaries } from "@/server/retries/queue-summary";

export const metadata = { title: "Retries" };

async function QueueSummaries({ viewer }: { viewer: Viewer }) {
  const tenants = await listQueueSummaries(viewer);
  if (tenants.length === 0) {
    return (
      <EmptyState icon={RotateCcw} title="No tenants">
        You are not a member of any tenant with retry queues.
      </EmptyState>
    );
  }
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {tenants.map((t) => (
        <Card key={t.slug}>
          <CardBody>
            <h2 className="text-base font-semibold text-slate-900 dark:text-slate-100">{t.name}</h2>
            <p className="font-mono text-xs text-slate-500 dark:text-slate-400">{t.slug}</p>
            <div className="mt-3 flex gap-6 text-sm">
              <Link href={`/retries/${t.slug}`} className="hover:underline">
                <span
                  className={`text-xl font-semibold ${t.retryOpen ? "text-amber-700 dark:text-amber-300" : "text-emerald-700 dark:text-emerald-300"}`}
                >
                  {t.retryOpen}
                </span>{" "}
                retry records
              </Link>
              {t.canReadDlq ? (
                <Link href={`/retries/${t.slug}/dlq`} className="hover:underline" data-testid={`dlq-link-${t.slug}`}>
                  <span
                    className={`text-xl font-semibold ${t.dlqOpen ? "text-red-700 dark:text-red-300" : "text-emerald-700 dark:text-emerald-300"}`}
                  >
                    {t.dlqOpen}
                  </span>{" "}
                  open dead letters
                </Link>
              ) : (
                <span className="text-slate-500 dark:text-slate-400" title="needs dlq.read in this tenant">
                  dead letters hidden
                </span>
              )}
            </div>
          </CardBody>
        </Card>
      ))}
    </div>
  );
}

export default function RetriesPage() {
  return (
    <SurfacePage
      permission="retry.read"
      title="Retries"
      description="Messages waiting in retry and in the dead-letter topic: why they failed, grouped by cause, and safe replay."
    >
      {(viewer) => (
        <Suspense fallback={<WidgetSkeleton label="Loading the retry and dead-letter queues" className="h-48" />}>
          <QueueSummaries viewer={viewer} />
        </Suspense>
      )}
    </SurfacePage>
  );
}
