import { NextResponse } from "next/server";
import { checkReadiness } from "@/server/health/readiness";

/**
 * Readiness for load balancers and Kubernetes: 200 when the database, its migrations and Kafka are
 * all good, 503 with each check's reason otherwise. Unauthenticated, so it says nothing about data.
 */
export async function GET() {
  const result = await checkReadiness();
  return NextResponse.json(result, { status: result.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
