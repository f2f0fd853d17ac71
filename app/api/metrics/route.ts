import { NextResponse, type NextRequest } from "next/server";
import { getPrometheusMetrics, metricsAuthorized } from "@/server/lag/metrics";

/** GET /api/metrics: Prometheus text format, bearer-token protected (SYNCDECK_METRICS_TOKEN). */
export async function GET(request: NextRequest) {
  if (!metricsAuthorized(request.headers.get("authorization"))) {
    return NextResponse.json(
      { error: { code: "UNAUTHENTICATED", message: "Send Authorization: Bearer <SYNCDECK_METRICS_TOKEN>" } },
      { status: 401, headers: { "www-authenticate": "Bearer" } },
    );
  }
  const { contentType, body } = await getPrometheusMetrics();
  return new NextResponse(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
