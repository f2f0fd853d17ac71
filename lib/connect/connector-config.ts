/**
 * The Debezium PostgreSQL connector of one tenant: a pure function of the tenant and its source
 * database, so provisioning, the demo and the tests register exactly the same thing.
 *
 * Choices, and why:
 * - pgoutput, Postgres' built-in logical decoding plugin: nothing to install on the source server.
 * - The publication is created by `ensureSourceDatabase` (lib/source-db/source-db.ts),
 *   not by Debezium (`publication.autocreate.mode=disabled`): auto-creating it needs ownership of
 *   the tables, whereas streaming from an existing publication needs only the REPLICATION
 *   attribute and SELECT, so a production connector can run as a least-privilege user.
 * - Topics: Debezium names them `<topic.prefix>.<schema>.<table>`; a RegexRouter drops the schema
 *   so events land on exactly `sync.<tenant>.cdc.<table>` (lib/contract/topics.ts).
 * - Heartbeat: with several databases on one server, an idle tenant's slot would pin WAL that the
 *   busy ones write. Every heartbeat interval the connector writes a row to `sync_heartbeat` in its
 *   own database (in the publication, not in table.include.list), which moves its offset and so
 *   its slot forward. The heartbeat records go to `sync.<tenant>.cdc-heartbeat`, inside the
 *   tenant's ACL prefix but outside the `sync.<tenant>.cdc.<table>` pattern the cdc-processor reads.
 * - Tombstones off: the cdc topics are not compacted, and the delete event itself (with `before`,
 *   REPLICA IDENTITY FULL) carries the member id the pipeline keys by; a null-valued tombstone
 *   would only be one more thing for the cdc-processor to skip.
 * - decimal.handling.mode=string: amounts arrive as "12.34", never as base64 bytes or lossy doubles.
 */
import { assertTenantSlug } from "@/lib/contract/tenant-slug";
import { SOURCE_TABLES, tenantTopics, type SourceTable } from "@/lib/contract/topics";

export const DEBEZIUM_POSTGRES_CONNECTOR = "io.debezium.connector.postgresql.PostgresConnector";
export const HEARTBEAT_TABLE = "sync_heartbeat";

export interface SourceConnection {
  hostname: string;
  port: number;
  user: string;
  /**
   * Stored in Connect's config topic and shown by its REST API, so a tenant's own source gets a
   * config-provider reference (`${env:SYNCDECK_SOURCE_SECRET_<NAME>}`) that the worker resolves.
   */
  password: string;
  database: string;
  /** `verify-full`: TLS, the certificate checked against sslRootCert and the host name. Unset: Debezium's default. */
  sslMode?: "verify-full" | "disable";
  /** CA file (PEM) on the Connect workers. */
  sslRootCert?: string;
}

export interface ConnectorOptions {
  /** Default 10 s. */
  heartbeatIntervalMs?: number;
  /** Debezium's poll interval; 100 ms keeps source-to-Kafka latency low (its default is 500 ms). */
  pollIntervalMs?: number;
  /** A signalling table (`<schema>.<table>`) for ad-hoc snapshots; omitted when not given. */
  signalTable?: string;
  /** The entity tables to stream (default members and claims); each must be in the publication. */
  tables?: readonly SourceTable[];
}

/** Replication slot and publication names: Postgres identifiers, so the slug's dashes become underscores. */
export function slotName(tenant: string): string {
  return `sync_${assertTenantSlug(tenant).replaceAll("-", "_")}`;
}

export const publicationName = slotName;

export function connectorName(tenant: string): string {
  return `sync.${assertTenantSlug(tenant)}.cdc`;
}

export function heartbeatTopic(tenant: string): string {
  return `sync.${assertTenantSlug(tenant)}.cdc-heartbeat`;
}

/** Every topic the connector writes to; provisioning creates them (the broker does not auto-create). */
export function connectorTopics(tenant: string): { cdc: { members: string; claims: string }; heartbeat: string } {
  const topics = tenantTopics(tenant);
  return { cdc: { members: topics.cdc("members"), claims: topics.cdc("claims") }, heartbeat: heartbeatTopic(tenant) };
}

/** Host, port, user, password and database of a `postgres://` URL. */
export function sourceConnectionFromUrl(url: string): SourceConnection {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!database) throw new Error(`source URL ${parsed.origin} names no database`);
  return {
    hostname: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
  };
}

export function buildConnectorConfig(
  tenant: string,
  source: SourceConnection,
  options: ConnectorOptions = {},
): Record<string, string> {
  const prefix = connectorName(tenant);
  const slot = slotName(tenant);
  const escapedPrefix = prefix.replaceAll(".", "\\.");
  const tables = options.tables ?? SOURCE_TABLES;
  const config: Record<string, string> = {
    "connector.class": DEBEZIUM_POSTGRES_CONNECTOR,
    // One slot streams one database in commit order: a second task could only idle.
    "tasks.max": "1",
    "database.hostname": source.hostname,
    "database.port": String(source.port),
    "database.user": source.user,
    "database.password": source.password,
    "database.dbname": source.database,
    "plugin.name": "pgoutput",
    "slot.name": slot,
    "publication.name": publicationName(tenant),
    "publication.autocreate.mode": "disabled",
    "table.include.list": tables.map((table) => `public.${table}`).join(","),
    "snapshot.mode": "initial",
    "decimal.handling.mode": "string",
    "poll.interval.ms": String(options.pollIntervalMs ?? 100),
    "tombstones.on.delete": "false",
    "heartbeat.interval.ms": String(options.heartbeatIntervalMs ?? 10_000),
    "heartbeat.action.query": `INSERT INTO public.${HEARTBEAT_TABLE} (id, beat_at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET beat_at = EXCLUDED.beat_at`,
    "topic.prefix": prefix,
    transforms: "route,heartbeat",
    "transforms.route.type": "org.apache.kafka.connect.transforms.RegexRouter",
    "transforms.route.regex": `^${escapedPrefix}\\.public\\.(${tables.join("|")})$`,
    "transforms.route.replacement": `${prefix}.$1`,
    // Debezium's heartbeat topic is `__debezium-heartbeat.<topic.prefix>`.
    "transforms.heartbeat.type": "org.apache.kafka.connect.transforms.RegexRouter",
    "transforms.heartbeat.regex": `^__debezium-heartbeat\\.${escapedPrefix}$`,
    "transforms.heartbeat.replacement": heartbeatTopic(tenant),
  };
  if (source.sslMode) config["database.sslmode"] = source.sslMode;
  if (source.sslRootCert) config["database.sslrootcert"] = source.sslRootCert;
  if (options.signalTable) {
    config["signal.enabled.channels"] = "source";
    // Postgres names a data collection `<schema>.<table>`; the table must also be in the publication.
    config["signal.data.collection"] = options.signalTable;
  }
  return config;
}
