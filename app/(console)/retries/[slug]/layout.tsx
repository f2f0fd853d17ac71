import { requireTenantPage } from "@/server/auth/page-tenant";

/** Resolves the tenant before any loading boundary streams: a missing or unseen tenant is a real 404. */
export default async function TenantLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  await requireTenantPage((await params).slug);
  return children;
}
