import { z } from "zod";
import { SASL_MECHANISMS } from "@/server/clusters/cluster-input";
import { component, obj, timestamp } from "./registry";

export const kafkaCluster = component(
  "KafkaCluster",
  obj({
    id: z.string(),
    title: z.string(),
    brokers: z.array(z.string()),
    security: obj({
      tls: z.boolean(),
      caFile: z.string().optional(),
      certFile: z.string().optional(),
      keyFile: z.string().optional(),
      keyPasswordSecret: z.string().optional(),
      sasl: obj({ mechanism: z.enum(SASL_MECHANISMS), username: z.string(), passwordSecret: z.string() }).optional(),
    }),
    connectUrl: z.string().nullable(),
    connectUsername: z.string().nullable(),
    connectPasswordSecret: z.string().nullable(),
    schemaRegistryUrl: z.string().nullable(),
    fromEnvironment: z.boolean(),
    environments: z.array(z.string()),
    createdAt: timestamp,
    updatedAt: timestamp,
  }),
  "A Kafka cluster: brokers, TLS/SASL settings and Connect; secrets only by the name of their SYNCDECK_KAFKA_SECRET_<NAME> variable, never their value",
);

export const clusterList = obj({ clusters: z.array(kafkaCluster) });
export const createdCluster = obj({ cluster: kafkaCluster });
