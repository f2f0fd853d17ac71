/** `tsx pipeline/cdc-processor/index.ts --tenant <slug>`: see pipeline/shared/processor-config.ts for the environment. */
import { runMain } from "../shared/runner";
import { cdcProcessorStage } from "./stage";

runMain(cdcProcessorStage);
