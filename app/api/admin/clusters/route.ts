import { NextResponse } from "next/server";
import { createCluster, listClustersForAdmin } from "@/server/clusters/cluster-admin";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { apiRoute } from "@/server/http/route";

/** GET /api/admin/clusters — every Kafka cluster, the default (KAFKA_BROKERS) first (environment.manage). */
export const GET = apiRoute(async ({ viewer }) => listClustersForAdmin(viewer));

/** POST /api/admin/clusters — `{ id, title?, brokers, security?, connectUrl?, … }` (environment.manage, audited). */
export const POST = apiRoute(async ({ request, viewer, requestId }) =>
  NextResponse.json(await createCluster(viewer, requestContext(request, requestId), await readJsonBody(request)), {
    status: 201,
  }),
);
