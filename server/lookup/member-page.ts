import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { ZodError } from "zod";
import { pageAccess } from "@/server/auth/page-access";
import { tenantForPage } from "@/server/auth/page-tenant";
import { AppError } from "@/server/errors";
import { assertMemberRequest, getMemberPage } from "./lookup";

/**
 * A member's page data, once per request: the member, or why the viewer may not read it (shown in
 * place of the content), or null when the viewer may not look up entities at all. The member page's
 * layout awaits it before anything streams, so a member that is not there answers a real 404; the
 * page then reuses it.
 */
export const loadMemberPage = cache(async (slug: string, memberId: string) => {
  const { viewer, decision } = await pageAccess("entity.read");
  if (!decision.allowed) return null;
  try {
    assertMemberRequest(viewer, slug, memberId);
    const access = await tenantForPage(viewer, slug, "entity.read");
    if ("forbidden" in access) return access;
    return { member: await getMemberPage(viewer, access.tenant, memberId) };
  } catch (error) {
    // a malformed id names nothing: the page for it is not found, as for a missing one
    if (error instanceof ZodError || (error instanceof AppError && ["NOT_FOUND", "BAD_REQUEST"].includes(error.code)))
      notFound();
    if (error instanceof AppError && error.code === "FORBIDDEN") return { forbidden: error.message };
    throw error;
  }
});
