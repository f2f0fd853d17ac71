/**
 * What the platform status shows to whom. Platform-wide viewers see the cluster (brokers, every
 * topic, every connector); a viewer whose access is limited to some tenants sees only those
 * tenants' topics and connectors, and no infrastructure detail in error messages. Pure.
 */
export type ComponentStatus = { state: "up"; detail: string; latencyMs: number } | { state: "down"; detail: string };

export type PlatformStatus = {
  kafka: ComponentStatus;
  connect: ComponentStatus;
  database: ComponentStatus;
  checkedAt: string;
};

/** What a probe found; `down` keeps the error for platform-wide viewers only. */
export type Probe<T> = { state: "up"; facts: T; latencyMs: number } | { state: "down"; error: string };

export type PlatformFacts = {
  kafka: Probe<{ brokers: number; clusterId: string; topics: string[] }>;
  connect: Probe<{ version: string; connectors: string[] }>;
  database: Probe<{ version: string }>;
  checkedAt: string;
};

/** "all", or the slugs of the tenants the viewer may see. */
export type StatusScope = "all" | readonly string[];

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** Topics and connectors of a tenant are named `sync.<slug>.…`; a slug never holds a dot. */
const ofTenants = (names: readonly string[], slugs: readonly string[]) => {
  const prefixes = slugs.map((slug) => `sync.${slug}.`);
  return names.filter((name) => prefixes.some((prefix) => name.startsWith(prefix)));
};

function view<T>(probe: Probe<T>, scope: StatusScope, detail: (facts: T) => string): ComponentStatus {
  if (probe.state === "down") return { state: "down", detail: scope === "all" ? probe.error : "not reachable" };
  return { state: "up", detail: detail(probe.facts), latencyMs: probe.latencyMs };
}

export function scopePlatformStatus(facts: PlatformFacts, scope: StatusScope): PlatformStatus {
  const yours = scope === "all" ? "" : ` of your tenant${scope.length === 1 ? "" : "s"}`;
  return {
    kafka: view(facts.kafka, scope, ({ brokers, clusterId, topics }) => {
      const userTopics = topics.filter((topic) => !topic.startsWith("__"));
      return scope === "all"
        ? `${plural(brokers, "broker")}, ${plural(userTopics.length, "topic")}, cluster ${clusterId}`
        : `${plural(ofTenants(userTopics, scope).length, "topic")}${yours}`;
    }),
    connect: view(facts.connect, scope, ({ version, connectors }) => {
      const count = scope === "all" ? connectors.length : ofTenants(connectors, scope).length;
      return `Kafka Connect ${version}, ${plural(count, "connector")}${yours}`;
    }),
    database: view(facts.database, scope, ({ version }) => `PostgreSQL ${version}`),
    checkedAt: facts.checkedAt,
  };
}
