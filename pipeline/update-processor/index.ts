/** `tsx pipeline/update-processor/index.ts --tenant <slug>`: see pipeline/shared/processor-config.ts for the environment. */
import { runMain } from "../shared/runner";
import { updateProcessorStage } from "./stage";

runMain(updateProcessorStage);
