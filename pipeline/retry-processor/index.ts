/**
 * `tsx pipeline/retry-processor/index.ts --tenant <slug>`: see pipeline/shared/processor-config.ts
 * for the environment, and RETRY_DELAYS_MS / RETRY_MAX_ATTEMPTS (lib/contract/retry-schedule.ts).
 */
import { runMain } from "../shared/runner";
import { retryProcessorStage } from "./stage";

runMain(retryProcessorStage);
