/**
 * Checks for the machine's tools the local stack needs (Java to run Kafka and Connect, Maven to
 * fetch their jars). A missing tool is a setup problem, not a bug: it surfaces as one
 * `MissingToolError` whose message says what to install, and entry points print only that line.
 */
import { spawnSync } from "node:child_process";

export class MissingToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MissingToolError";
  }
}

/** Kafka 4.x brokers and Connect workers need Java 17; 3.9 would run on 11, but one rule is simpler. */
export const MIN_JAVA_MAJOR = 17;

const JAVA_HINT = `SyncDeck needs Java ${MIN_JAVA_MAJOR}+ (apt-get install -y openjdk-17-jre-headless) to run the local Kafka broker and Kafka Connect`;
const MAVEN_HINT =
  "SyncDeck needs Maven 3.6+ (apt-get install -y maven) to fetch the Kafka and Debezium jars from Maven Central";

let javaChecked = false;

/** Throws MissingToolError unless `java` on PATH is at least MIN_JAVA_MAJOR. Checked once per process. */
export function requireJava(): void {
  if (javaChecked) return;
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) throw new MissingToolError(JAVA_HINT);
  const major = parseJavaMajor(`${result.stderr}\n${result.stdout}`);
  if (major === undefined || major < MIN_JAVA_MAJOR) {
    throw new MissingToolError(`${JAVA_HINT}; found ${major === undefined ? "an unrecognised java" : `Java ${major}`}`);
  }
  javaChecked = true;
}

/** Throws MissingToolError unless `mvn` runs. */
export function requireMaven(): void {
  const result = spawnSync("mvn", ["-v"], { encoding: "utf8" });
  if (result.error || result.status !== 0) throw new MissingToolError(MAVEN_HINT);
}

/** `java -version` prints e.g. `openjdk version "17.0.15"` or, for Java 8, `"1.8.0_392"`. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}
