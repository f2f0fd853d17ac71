import { NextResponse } from "next/server";

/** Liveness for process supervisors and load balancers; says nothing about data. */
export function GET() {
  return NextResponse.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
