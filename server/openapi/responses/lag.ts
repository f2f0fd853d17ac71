import { z } from "zod";
import { component, obj } from "./registry";

export const lagStatus = component(
  "LagStatus",
  z.enum(["OK", "WARN", "REWIND", "STALL", "STOP", "ERR"]),
  "Burrow-style status of a consumer group or partition",
);

export const drainEstimate = component(
  "DrainEstimate",
  z
    .union([
      obj({ state: z.literal("caught-up") }),
      obj({ state: z.literal("draining"), seconds: z.number().describe("seconds until the lag is gone") }),
      obj({ state: z.literal("not-draining") }),
    ])
    .nullable(),
  "Time to drain the lag at the consume and produce rates of the status window; null until two samples gave rates, and for retry stages (whose lag waits on purpose). caught-up: no backlog beyond what the group consumes in 5 s",
);

export const samplerInfo = component(
  "SamplerInfo",
  obj({
    sampledAt: z.string().nullable(),
    durationMs: z.number().nullable(),
    error: z.string().nullable(),
    stale: z.boolean(),
  }),
  "When the lag sampler last ran; stale when older than 30 s",
);

export const clusterState = component(
  "KafkaClusterState",
  obj({
    cluster: z.string(),
    state: z.enum(["up", "down"]),
    reason: z.string().nullable(),
    since: z.string(),
    sampledAt: z.string().nullable(),
  }),
  "A Kafka cluster as the lag sampler last found it: up, or down since when and why (its groups then read ERR)",
);

const groupFields = {
  cluster: z
    .string()
    .describe("the Kafka cluster the group is on (`default`: KAFKA_BROKERS); group names are unique only within it"),
  groupId: z.string(),
  state: z.string(),
  members: z.number(),
  lag: z.number(),
  lagSeconds: z.number(),
  consumePerSecond: z.number(),
  status: lagStatus,
  reason: z.string(),
  drain: drainEstimate,
  updatedAt: z.string(),
};

export const lagGroup = component(
  "LagGroup",
  obj(groupFields),
  "A consumer group's lag, status with its reason, and time to drain",
);

const partitionLag = obj({
  partition: z.number(),
  committed: z.number(),
  end: z.number(),
  lag: z.number(),
  lagSeconds: z.number(),
  lagSecondsAtLeast: z.boolean(),
  status: lagStatus,
  reason: z.string(),
  drain: drainEstimate,
});

const topicLag = obj({
  topic: z.string(),
  lag: z.number(),
  lagSeconds: z.number(),
  consumePerSecond: z.number(),
  drain: drainEstimate,
  partitions: z.array(partitionLag),
});

export const lagGroupList = obj({
  groups: z.array(lagGroup),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  sampler: samplerInfo,
  clusters: z.array(clusterState),
});

export const lagGroupDetail = obj({
  group: obj({ ...groupFields, topics: z.array(topicLag) }),
  history: z.array(
    obj({
      at: z.string(),
      topic: z.string(),
      lag: z.number(),
      lagSeconds: z.number(),
      endSum: z.number(),
      committedSum: z.number(),
    }),
  ),
  sampler: samplerInfo,
});
