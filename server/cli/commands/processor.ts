import { cdcProcessorStage } from "@/pipeline/cdc-processor/stage";
import { runMain, type StageDefinition } from "@/pipeline/shared/runner";
import { retryProcessorStage } from "@/pipeline/retry-processor/stage";
import { updateProcessorStage } from "@/pipeline/update-processor/stage";
import { CliError } from "../cli-error";
import { checkConfiguration } from "../configuration";

export const PROCESSOR_HELP = `syncdeck processor STAGE (--tenant TENANT | --pool POOL --tenants T1,T2,… [--refresh-members]) [--instance-id ID] [--metrics-port PORT]

Runs one processor instance of a tenant's pipeline: STAGE is cdc-processor, update-processor or
retry-processor. It joins the stage's consumer group (sync.<tenant>.<stage>), heartbeats to the
database, and on SIGTERM finishes its batch, commits and exits 0. Deployment agents start these;
running one by hand adds a member to the group. With --pool it serves every tenant listed, in one
process: each tenant still in its own group, with its own heartbeat (ID/<tenant>) and metric labels;
a tenant whose batches fail is paused with backoff while the others go on. With --refresh-members
(the agents set it) --tenants is only the start list: every POOL_MEMBERS_REFRESH_MS the pool reads
the ACTIVE tenants placed in it from the database's tenants table, and tenants join or leave without
a restart; a tenant that cannot join yet (its topics missing) is named in the pool's heartbeat error
and tried again at the next refresh.

Environment: DATABASE_URL, KAFKA_BROKERS (and KAFKA_SSL/KAFKA_SASL_*) are required; the settings a
deployment may set are CONSUMER_CONCURRENCY, CONSUMER_MAX_BYTES, CONSUMER_MAX_WAIT_MS,
CONSUMER_MAX_RATE, HEARTBEAT_INTERVAL_MS, TRAIL_RETENTION_DAYS; TARGET_LOCK_TIMEOUT_MS,
TENANT_BATCH_BUDGET, TENANT_PAUSE_BASE_MS and TENANT_PAUSE_MAX_MS tune a pool's isolation.

Metrics: with --metrics-port or SYNCDECK_METRICS_PORT (default 0 = off) it serves Prometheus
/metrics and /healthz (200 while consuming, 503 once stopping or crashed) on that port, on
SYNCDECK_METRICS_HOST (default 0.0.0.0).`;

const STAGES: Record<string, StageDefinition> = {
  "cdc-processor": cdcProcessorStage,
  "update-processor": updateProcessorStage,
  "retry-processor": retryProcessorStage,
};

export async function processor(argv: string[], out: (line: string) => void): Promise<void> {
  const [stage, ...rest] = argv;
  if (stage === undefined || stage === "--help" || stage === "-h" || rest.includes("--help") || rest.includes("-h"))
    return out(PROCESSOR_HELP);
  const definition = STAGES[stage];
  if (!definition)
    throw new CliError(`processor: unknown stage "${stage}"; the stages are: ${Object.keys(STAGES).join(", ")}`);
  checkConfiguration("processor", "processor", process.env);
  // The processor validates its own options (and its environment again) and exits 1 with the reason.
  runMain(definition, rest);
}
