import { resolveDlq } from "@/server/retries/dlq-replay";
import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";

/** POST { selection, action: "resolve" | "discard", reason }: hides the records from the default view (audited). */
export const POST = apiRoute<{ slug: string }>(
  { tenant: "dlq.replay" },
  async ({ viewer, tenant, request, requestId }) =>
    resolveDlq(viewer, requestContext(request, requestId), tenant, await readJsonBody(request)),
);
