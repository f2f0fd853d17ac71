import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";

/** The loading state of a table page: its real header, and rows of placeholders. */
export function TableSkeleton({ title, description, rows = 6 }: { title: string; description: string; rows?: number }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <Card className="p-5">
        <Skeleton className="mb-5 h-5 w-40" />
        <div className="space-y-4">
          {Array.from({ length: rows }, (_, i) => (
            <Skeleton key={i} className="h-8 w-full" />
          ))}
        </div>
      </Card>
    </>
  );
}
