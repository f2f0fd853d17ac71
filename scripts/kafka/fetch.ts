/**
 * `npm run kafka:fetch`: puts Apache Kafka's broker jars in `.cache/kafka/<version>/libs` (from
 * Maven Central, with Maven). `startKafka` calls `ensureKafkaJars` itself, so running this first
 * is optional; it exists to fetch ahead of time (CI cache warm-up, before going offline).
 */
import path from "node:path";
import { cacheRoot, fetchMavenDependencies } from "../stack/maven";
import { MissingToolError } from "../stack/tools";

/** The broker version the stack runs; see the report in scripts/stack/kafka.ts for what was verified. */
export const DEFAULT_KAFKA_VERSION = "4.3.1";

const VERSION_PATTERN = /^\d+\.\d+\.\d+$/;

/** KAFKA_VERSION overrides the pinned version (e.g. `KAFKA_VERSION=3.9.2`). */
export function kafkaVersion(env: NodeJS.ProcessEnv = process.env): string {
  const version = env.KAFKA_VERSION || DEFAULT_KAFKA_VERSION;
  if (!VERSION_PATTERN.test(version)) throw new Error(`KAFKA_VERSION must look like 4.3.1, got "${version}"`);
  return version;
}

export function kafkaLibsDir(version: string): string {
  return path.join(cacheRoot(), "kafka", version, "libs");
}

/** Returns the folder of the broker's jars for `version`, fetching them on first use. */
export async function ensureKafkaJars(version: string = kafkaVersion(), log?: (line: string) => void): Promise<string> {
  return fetchMavenDependencies({
    pom: path.join(__dirname, "pom.xml"),
    outDir: kafkaLibsDir(version),
    properties: { "kafka.version": version },
    log,
  });
}

// `require` is undefined when vitest loads this file as an ES module; only tsx runs it as the CLI.
if (typeof require !== "undefined" && require.main === module) {
  Promise.resolve()
    .then(() => ensureKafkaJars(kafkaVersion(), (line) => console.log(`[kafka] ${line}`)))
    .then((libs) => console.log(`[kafka] jars ready in ${libs}`))
    .catch((error: unknown) => {
      console.error(
        error instanceof MissingToolError
          ? error.message
          : `[kafka] ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exit(1);
    });
}
