import { clusterChange, clusterRequest, environmentClusterInput } from "@/server/clusters/cluster-input";
import type { OperationSpec } from "../operation";
import { clusterList, createdCluster } from "../responses/clusters";
import { done } from "../responses/deployments";

export const clusterOperations: OperationSpec[] = [
  {
    method: "get",
    path: "/api/admin/clusters",
    operationId: "listClusters",
    tag: "deployments",
    summary:
      "Kafka clusters, the default one (KAFKA_BROKERS) first, with the environments that use each (environment.manage)",
    ok: { schema: clusterList, description: "clusters" },
  },
  {
    method: "post",
    path: "/api/admin/clusters",
    operationId: "createCluster",
    tag: "deployments",
    summary:
      "Add a Kafka cluster: brokers, TLS/SASL settings naming SYNCDECK_KAFKA_SECRET_<NAME> secrets, Connect, Schema Registry (environment.manage; audited)",
    body: { schema: clusterRequest },
    ok: { status: 201, schema: createdCluster, description: "the new cluster" },
  },
  {
    method: "patch",
    path: "/api/admin/clusters/{id}",
    operationId: "updateCluster",
    tag: "deployments",
    summary: "Change a cluster (not its name, not the default one); null clears a field (environment.manage; audited)",
    body: { schema: clusterChange },
    ok: { schema: done, description: "changed" },
  },
  {
    method: "delete",
    path: "/api/admin/clusters/{id}",
    operationId: "deleteCluster",
    tag: "deployments",
    summary: "Remove a cluster no environment uses; 409 while one does (environment.manage; audited)",
    ok: { schema: done, description: "removed" },
  },
  {
    method: "put",
    path: "/api/admin/environments/{id}/cluster",
    operationId: "setEnvironmentCluster",
    tag: "deployments",
    summary: "The Kafka cluster an environment's pipelines use; null for the default one (environment.manage; audited)",
    body: { schema: environmentClusterInput },
    ok: { schema: done, description: "changed" },
  },
];
