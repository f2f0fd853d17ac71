import { listDlq, listPermission } from "@/server/retries/dlq-read";
import { apiRoute } from "@/server/http/route";

/**
 * GET /api/tenants/{slug}/dlq?kind=dlq|retry&state=open|replayed|resolved|discarded|all&errorClass=&stage=
 * &entity=&fingerprint=&from=&to=&q=&cursor=&limit=: a keyset page, newest first; `nextCursor` fetches the next.
 */
export const GET = apiRoute<{ slug: string }>(
  { tenant: { permission: ({ request }) => listPermission(Object.fromEntries(request.nextUrl.searchParams)) } },
  async ({ tenant, request }) => listDlq(tenant, Object.fromEntries(request.nextUrl.searchParams)),
);
