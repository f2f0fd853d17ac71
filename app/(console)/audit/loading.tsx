import { TableSkeleton } from "@/components/shell/table-skeleton";

export default function Loading() {
  return (
    <TableSkeleton
      title="Audit"
      description="Every change and every reveal of unmasked health data: who, what, when."
      rows={10}
    />
  );
}
