import {
  assignEnvironmentCluster,
  addCluster,
  ClusterConflict,
  ClusterInvalid,
  ClusterNotFound,
  listClusters,
  removeCluster,
  updateCluster,
} from "@/server/clusters/clusters";
import {
  clusterChange,
  clusterId,
  clusterRequest,
  DEFAULT_CLUSTER_ID,
  firstProblem,
} from "@/server/clusters/cluster-input";
import { environmentId } from "@/server/deployments/environment-input";
import { parseCommand } from "../args";
import { CliError } from "../cli-error";
import { withDatabase } from "../database";
import { auditOperatorChange } from "../operator";
import { configuredDatabaseUrl } from "./migrate";

export const CLUSTER_HELP = `syncdeck cluster add NAME --brokers HOST:PORT[,HOST:PORT…] [settings]
syncdeck cluster update NAME [settings]
syncdeck cluster list [--json]
syncdeck cluster remove NAME
syncdeck cluster assign ENVIRONMENT CLUSTER   (CLUSTER "${DEFAULT_CLUSTER_ID}": the default one)

A Kafka cluster the console watches and environments' pipelines use. The cluster KAFKA_BROKERS
and KAFKA_CONNECT_URL declare is "${DEFAULT_CLUSTER_ID}" (written by \`syncdeck migrate\`, changed only
through those variables); an environment without a cluster uses it.

Settings: --title TEXT, --brokers LIST, --tls, --ca-file PATH, --cert-file PATH and --key-file PATH
(mutual TLS), --key-password-secret NAME, --sasl-mechanism plain|scram-sha-256|scram-sha-512,
--sasl-username USER, --sasl-password-secret NAME, --connect-url URL, --connect-username USER,
--connect-password-secret NAME, --schema-registry-url URL. update replaces the security settings
when any of them is given.

Secrets are never given here: a *-secret NAME is the platform secret SYNCDECK_KAFKA_SECRET_<NAME>,
set where the console and workers run; only its name is stored. A cluster an environment uses
cannot be removed. Every change is audited.

Environment: DATABASE_URL (required).`;

const SETTINGS = {
  title: { type: "string" },
  brokers: { type: "string" },
  tls: { type: "boolean" },
  "ca-file": { type: "string" },
  "cert-file": { type: "string" },
  "key-file": { type: "string" },
  "key-password-secret": { type: "string" },
  "sasl-mechanism": { type: "string" },
  "sasl-username": { type: "string" },
  "sasl-password-secret": { type: "string" },
  "connect-url": { type: "string" },
  "connect-username": { type: "string" },
  "connect-password-secret": { type: "string" },
  "schema-registry-url": { type: "string" },
} as const;

type Values = Partial<Record<keyof typeof SETTINGS, string | boolean>>;
const str = (v: string | boolean | undefined) => (typeof v === "string" ? v : undefined);

/** The command line's settings as the API's body (only what was given). Pure. */
export function settingsBody(values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (values.title !== undefined) body.title = values.title;
  if (values.brokers !== undefined)
    body.brokers = String(values.brokers)
      .split(",")
      .map((b) => b.trim())
      .filter(Boolean);
  const securityGiven = (
    [
      "tls",
      "ca-file",
      "cert-file",
      "key-file",
      "key-password-secret",
      "sasl-mechanism",
      "sasl-username",
      "sasl-password-secret",
    ] as const
  ).some((k) => values[k] !== undefined);
  if (securityGiven) {
    const sasl =
      values["sasl-mechanism"] !== undefined ||
      values["sasl-username"] !== undefined ||
      values["sasl-password-secret"] !== undefined
        ? {
            mechanism: str(values["sasl-mechanism"])?.toLowerCase(),
            username: str(values["sasl-username"]),
            passwordSecret: str(values["sasl-password-secret"]),
          }
        : undefined;
    body.security = {
      tls: values.tls === true,
      ...(values["ca-file"] !== undefined ? { caFile: values["ca-file"] } : {}),
      ...(values["cert-file"] !== undefined ? { certFile: values["cert-file"] } : {}),
      ...(values["key-file"] !== undefined ? { keyFile: values["key-file"] } : {}),
      ...(values["key-password-secret"] !== undefined ? { keyPasswordSecret: values["key-password-secret"] } : {}),
      ...(sasl ? { sasl } : {}),
    };
  }
  const nullable = (flag: keyof typeof SETTINGS, field: string) => {
    if (values[flag] !== undefined) body[field] = str(values[flag]) === "" ? null : values[flag];
  };
  nullable("connect-url", "connectUrl");
  nullable("connect-username", "connectUsername");
  nullable("connect-password-secret", "connectPasswordSecret");
  nullable("schema-registry-url", "schemaRegistryUrl");
  return body;
}

export async function cluster(argv: string[], out: (line: string) => void): Promise<void> {
  const [action, ...rest] = argv;
  if (action === undefined || action === "--help" || action === "-h") return out(CLUSTER_HELP);
  if (action === "add") return add(rest, out);
  if (action === "update") return update(rest, out);
  if (action === "list") return list(rest, out);
  if (action === "remove") return remove(rest, out);
  if (action === "assign") return assign(rest, out);
  throw new CliError(`cluster: unknown action "${action}"; the actions are: add, update, list, remove, assign`);
}

async function add(argv: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseCommand("cluster add", argv, SETTINGS, 1);
  if (values.help) return out(CLUSTER_HELP);
  if (!positionals[0]) throw new CliError("cluster add: the cluster's NAME is required");
  if (!values.brokers) throw new CliError("cluster add: --brokers is required");
  const parsed = clusterRequest.safeParse({ id: positionals[0], ...settingsBody(values) });
  if (!parsed.success) throw new CliError(`cluster add: ${firstProblem(parsed.error)}`);
  configuredDatabaseUrl("cluster add");
  await withDatabase((db) => addCluster(db, parsed.data, auditOperatorChange)).catch(asCliError("cluster add"));
  out(`cluster add: ${parsed.data.id} (${parsed.data.brokers.join(",")}) created`);
}

async function update(argv: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseCommand("cluster update", argv, SETTINGS, 1);
  if (values.help) return out(CLUSTER_HELP);
  const id = checkedName("cluster update", positionals[0]);
  const parsed = clusterChange.safeParse(settingsBody(values));
  if (!parsed.success) throw new CliError(`cluster update: ${firstProblem(parsed.error)}`);
  configuredDatabaseUrl("cluster update");
  await withDatabase((db) => updateCluster(db, id, parsed.data, auditOperatorChange)).catch(
    asCliError("cluster update"),
  );
  out(`cluster update: ${id} changed`);
}

async function list(argv: string[], out: (line: string) => void): Promise<void> {
  const { values } = parseCommand("cluster list", argv, { json: { type: "boolean" } });
  if (values.help) return out(CLUSTER_HELP);
  configuredDatabaseUrl("cluster list");
  const rows = await withDatabase(listClusters);
  if (values.json)
    return out(
      JSON.stringify(
        rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() })),
      ),
    );
  if (rows.length === 0)
    return out("no clusters; run `syncdeck migrate` with KAFKA_BROKERS set, or `syncdeck cluster add`");
  const table = [["NAME", "BROKERS", "SECURITY", "CONNECT", "ENVIRONMENTS", "TITLE"]];
  for (const r of rows) {
    const security = r.fromEnvironment
      ? "KAFKA_SSL*/KAFKA_SASL_*"
      : [r.security.tls ? (r.security.certFile ? "mtls" : "tls") : "plaintext", r.security.sasl?.mechanism]
          .filter(Boolean)
          .join("+");
    table.push([r.id, r.brokers.join(","), security, r.connectUrl ?? "-", r.environments.join(",") || "-", r.title]);
  }
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table)
    out(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  "));
}

async function remove(argv: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseCommand("cluster remove", argv, {}, 1);
  if (values.help) return out(CLUSTER_HELP);
  const id = checkedName("cluster remove", positionals[0]);
  configuredDatabaseUrl("cluster remove");
  await withDatabase((db) => removeCluster(db, id, auditOperatorChange)).catch(asCliError("cluster remove"));
  out(`cluster remove: ${id} removed`);
}

async function assign(argv: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseCommand("cluster assign", argv, {}, 2);
  if (values.help) return out(CLUSTER_HELP);
  const [environment, target] = positionals;
  if (!environment || !target) throw new CliError("cluster assign: ENVIRONMENT and CLUSTER are required");
  const env = environmentId.safeParse(environment);
  if (!env.success) throw new CliError(`cluster assign: ${env.error.issues[0]!.message}`);
  const id = target === DEFAULT_CLUSTER_ID ? null : checkedName("cluster assign", target);
  configuredDatabaseUrl("cluster assign");
  await withDatabase((db) => assignEnvironmentCluster(db, env.data, id, auditOperatorChange)).catch(
    asCliError("cluster assign"),
  );
  out(`cluster assign: environment ${env.data} uses cluster ${target}`);
}

function checkedName(command: string, name: string | undefined): string {
  if (!name) throw new CliError(`${command}: the cluster's NAME is required`);
  const parsed = clusterId.safeParse(name);
  if (!parsed.success) throw new CliError(`${command}: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

const asCliError = (command: string) => (error: unknown) => {
  if (error instanceof ClusterConflict || error instanceof ClusterNotFound || error instanceof ClusterInvalid)
    throw new CliError(`${command}: ${error.message}`, 1);
  throw error;
};
