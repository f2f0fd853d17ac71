import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { AppError } from "@/server/errors";
import { resolveTenant } from "./resolve-tenant";
import { getViewer } from "./viewer";

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
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
});
