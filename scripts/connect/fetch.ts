/**
 * `tsx scripts/connect/fetch.ts`: puts a Kafka Connect worker's jars and the Debezium PostgreSQL
 * connector plugin in `.cache/connect/<kafka version>/` (Maven Central, with Maven):
 *
 *   libs/                                          the worker's classpath
 *   debezium-<version>/                            plugin.path (only this plugin)
 *   debezium-<version>/debezium-connector-postgres the plugin, in its own class loader
 *   debezium-<version>/debezium-connector-jdbc     the Debezium JDBC sink (Debezium 3.6.0.Final, the
 *                                                  newest Maven Central serves whole) with the
 *                                                  Postgres driver: bench:pipeline's peer
 *
 * `startConnect` calls `ensureConnectJars` itself; running this first only fetches ahead of time.
 */
import path from "node:path";
import { kafkaVersion } from "../kafka/fetch";
import { cacheRoot, fetchMavenDependencies } from "../stack/maven";
import { MissingToolError } from "../stack/tools";

/**
 * Built and tested by Debezium against Kafka Connect 4.3.1, the stack's pinned Kafka version.
 * Debezium 3.7.1.Final exists on Maven Central but its parent pom (debezium-build-parent) does not,
 * so Maven cannot resolve it.
 */
export const DEFAULT_DEBEZIUM_VERSION = "3.7.0.Final";

/** DEBEZIUM_VERSION overrides the pinned version; it must suit the Connect (Kafka) version. */
export function debeziumVersion(env: NodeJS.ProcessEnv = process.env): string {
  const version = env.DEBEZIUM_VERSION || DEFAULT_DEBEZIUM_VERSION;
  if (!/^\d+\.\d+\.\d+\.[A-Za-z0-9]+$/.test(version))
    throw new Error(`DEBEZIUM_VERSION must look like 3.7.0.Final, got "${version}"`);
  return version;
}

export interface ConnectJars {
  /** The worker's classpath folder. */
  libs: string;
  /** The folder to give as plugin.path. */
  pluginPath: string;
}

export async function ensureConnectJars(
  versions: { kafka?: string; debezium?: string } = {},
  log?: (line: string) => void,
): Promise<ConnectJars> {
  const kafka = versions.kafka ?? kafkaVersion();
  const debezium = versions.debezium ?? debeziumVersion();
  const root = path.join(cacheRoot(), "connect", kafka);
  const pom = path.join(__dirname, "pom.xml");
  const properties = { "kafka.version": kafka, "debezium.version": debezium };
  const pluginPath = path.join(root, `debezium-${debezium}`);
  const libs = await fetchMavenDependencies({
    pom,
    profiles: ["worker"],
    properties,
    outDir: path.join(root, "libs"),
    log,
  });
  await fetchMavenDependencies({
    pom,
    profiles: ["debezium"],
    properties,
    outDir: path.join(pluginPath, "debezium-connector-postgres"),
    log,
  });
  // Its own versions (pom properties), so the Postgres connector's DEBEZIUM_VERSION does not apply.
  await fetchMavenDependencies({
    pom,
    profiles: ["jdbc-sink"],
    properties: { "kafka.version": kafka },
    outDir: path.join(pluginPath, "debezium-connector-jdbc"),
    log,
  });
  return { libs, pluginPath };
}

// `require` is undefined when vitest loads this file as an ES module; only tsx runs it as the CLI.
if (typeof require !== "undefined" && require.main === module) {
  Promise.resolve()
    .then(() => ensureConnectJars({}, (line) => console.log(`[connect] ${line}`)))
    .then(({ libs, pluginPath }) => console.log(`[connect] worker jars in ${libs}, plugin.path ${pluginPath}`))
    .catch((error: unknown) => {
      console.error(
        error instanceof MissingToolError
          ? error.message
          : `[connect] ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exit(1);
    });
}
