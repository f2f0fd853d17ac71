import { TableSkeleton } from "@/components/shell/table-skeleton";

export default function Loading() {
  return <TableSkeleton title="Admin" description="Users, roles and the tenants they may see." />;
}
