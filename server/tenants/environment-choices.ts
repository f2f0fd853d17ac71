import "server-only";
import type { Viewer } from "@/server/auth/access";
import { assertAllowed } from "@/server/auth/viewer";
import { getPrisma } from "@/server/db/client";

/** The environments a tenant request may target: ids and names only, for anyone who may request. */
export async function listEnvironmentChoices(viewer: Viewer): Promise<Array<{ id: string; name: string }>> {
  assertAllowed(viewer, "tenant.request");
  return getPrisma().environment.findMany({ select: { id: true, name: true }, orderBy: { id: "asc" } });
}
