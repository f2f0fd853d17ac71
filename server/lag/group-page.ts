import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { ZodError } from "zod";
import { pageAccess } from "@/server/auth/page-access";
import { AppError } from "@/server/errors";
import { getConsumerGroup } from "./read-lag";

/**
 * A consumer group's page data, once per request. The group page's layout awaits it before anything
 * streams, so a group that is missing or outside the viewer's scope answers a real 404 (a notFound()
 * inside a streamed boundary answers 200); the page then reuses it. Null when the viewer may not
 * read lag: the page says why. The layout has no query string, so it checks the group on any cluster;
 * the page asks for the `?cluster=` one where a name is used on several.
 */
export const loadGroupPage = cache(async (groupId: string, cluster?: string) => {
  const { viewer, decision } = await pageAccess("lag.read");
  if (!decision.allowed) return null;
  try {
    return await getConsumerGroup(viewer, groupId, cluster ? { cluster } : {});
  } catch (error) {
    // a malformed id names nothing: the page for it is not found, as for a missing one
    if (error instanceof ZodError || (error instanceof AppError && ["NOT_FOUND", "BAD_REQUEST"].includes(error.code)))
      notFound();
    throw error;
  }
});
