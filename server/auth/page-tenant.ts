import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { AppError } from "@/server/errors";
import type { Viewer } from "./access";
import type { Permission } from "./permissions";
import { resolveTenant, type Tenant } from "./resolve-tenant";
import { getViewer } from "./viewer";

const isNotFound = (error: unknown) =>
  error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST");

/**
 * For a tenant page's layout: the tenant, or the 404 page when it is missing, malformed or not seen
 * by the viewer. Layouts call it before any loading boundary, so the response status is a real 404
 * (a notFound() inside a streamed boundary answers 200). Once per request.
 */
export const requireTenantPage = cache(async (slug: string) => {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  try {
    return { viewer, tenant: await resolveTenant(viewer, slug, null) };
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
});

/**
 * For a tenant page's content: the tenant checked for `permission`, or the reason the viewer may not
 * see this page of it (shown in place of the content). The layout has already answered 404 for a
 * tenant the viewer does not see.
 */
export async function tenantForPage(
  viewer: Viewer,
  slug: string,
  permission: Permission,
): Promise<{ tenant: Tenant } | { forbidden: string }> {
  try {
    return { tenant: await resolveTenant(viewer, slug, permission) };
  } catch (error) {
    if (isNotFound(error)) notFound();
    if (error instanceof AppError && error.code === "FORBIDDEN") return { forbidden: error.message };
    throw error;
  }
}

/**
 * The layout of every `[slug]` page folder: resolves the tenant before any loading boundary
 * streams, so a missing or unseen tenant is a real 404 on each of its pages.
 */
export async function TenantPageLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  await requireTenantPage((await params).slug);
  return children;
}
