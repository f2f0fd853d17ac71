/**
 * A small typed client for Kafka Connect's REST API (KAFKA_CONNECT_URL, with HTTP basic auth when
 * KAFKA_CONNECT_USERNAME and KAFKA_CONNECT_PASSWORD are set): what provisioning and the console need
 * to manage one connector per tenant. Responses are validated with zod, so a proxy's
 * HTML error page or an incompatible Connect version is a clear error rather than `undefined` later.
 * Every failure is an AppError whose code the API layer already maps to an HTTP status.
 */
import { z } from "zod";
import { AppError } from "../errors";

const REQUEST_TIMEOUT_MS = 10_000;
/**
 * Creating or updating a connector makes the worker validate its config, and Debezium's validation
 * connects to the source database; on a loaded machine that alone can take well over 10 s. Connect
 * itself waits up to 90 s for it.
 */
const CONFIG_TIMEOUT_MS = 60_000;

const stateSchema = z.enum(["UNASSIGNED", "RUNNING", "PAUSED", "STOPPED", "FAILED", "RESTARTING"]);
export type ConnectorState = z.infer<typeof stateSchema>;

const connectorInfoSchema = z.object({
  name: z.string(),
  config: z.record(z.string(), z.string()),
  tasks: z.array(z.object({ connector: z.string(), task: z.number().int() })),
  type: z.string().optional(),
});
export type ConnectorInfo = z.infer<typeof connectorInfoSchema>;

const statusSchema = z.object({
  name: z.string(),
  connector: z.object({ state: stateSchema, worker_id: z.string(), trace: z.string().optional() }),
  tasks: z.array(
    z.object({ id: z.number().int(), state: stateSchema, worker_id: z.string(), trace: z.string().optional() }),
  ),
  type: z.string().optional(),
});

export interface ConnectorStatus {
  name: string;
  connector: { state: ConnectorState; workerId: string; trace?: string };
  tasks: Array<{ id: number; state: ConnectorState; workerId: string; trace?: string }>;
}

const offsetsSchema = z.object({
  offsets: z.array(
    z.object({ partition: z.record(z.string(), z.unknown()), offset: z.record(z.string(), z.unknown()).nullable() }),
  ),
});

const errorBodySchema = z.object({ error_code: z.number().optional(), message: z.string() });

export interface ConnectClient {
  readonly url: string;
  listConnectors(): Promise<string[]>;
  /** Create or update (Connect's PUT is idempotent); `created` is false for an update. */
  putConnectorConfig(name: string, config: Record<string, string>): Promise<{ created: boolean; info: ConnectorInfo }>;
  getStatus(name: string): Promise<ConnectorStatus>;
  getConfig(name: string): Promise<Record<string, string>>;
  /** The connector's committed source offsets (Connect 3.5+, KIP-875): partition → offset, as the connector wrote them. */
  getOffsets(
    name: string,
  ): Promise<Array<{ partition: Record<string, unknown>; offset: Record<string, unknown> | null }>>;
  pause(name: string): Promise<void>;
  resume(name: string): Promise<void>;
  /** Restarts the connector and, with `includeTasks`, its tasks (only the failed ones with `onlyFailed`). */
  restart(name: string, options?: { includeTasks?: boolean; onlyFailed?: boolean }): Promise<void>;
  restartTask(name: string, taskId: number): Promise<void>;
  /** Resolves also when the connector does not exist: deleting is the wanted end state either way. */
  deleteConnector(name: string): Promise<void>;
}

/** HTTP basic auth credentials, as Connect's BasicAuthSecurityRestExtension checks them. */
export interface ConnectCredentials {
  username: string;
  password: string;
}

export interface ConnectClientOptions {
  credentials?: ConnectCredentials;
  fetchImpl?: typeof fetch;
}

/**
 * The client for KAFKA_CONNECT_URL (KAFKA_CONNECT_USERNAME / KAFKA_CONNECT_PASSWORD for basic auth,
 * both or neither); a clear error naming the variable when one is missing or wrong. The password
 * never appears in an error.
 */
export function connectClientFromEnv(env: Record<string, string | undefined> = process.env): ConnectClient {
  const result = z.url({ protocol: /^https?$/ }).safeParse(env.KAFKA_CONNECT_URL);
  if (!result.success) {
    throw new AppError(
      "UNAVAILABLE",
      `KAFKA_CONNECT_URL must be the http(s) URL of Kafka Connect's REST API (got ${JSON.stringify(env.KAFKA_CONNECT_URL ?? null)})`,
    );
  }
  const parsed = new URL(result.data);
  if (parsed.username || parsed.password) {
    // fetch refuses such URLs, and the URL is shown in errors: the password would leak there.
    throw new AppError(
      "UNAVAILABLE",
      "KAFKA_CONNECT_URL must not contain credentials; set KAFKA_CONNECT_USERNAME and KAFKA_CONNECT_PASSWORD instead",
    );
  }
  return createConnectClient(result.data, { credentials: connectCredentialsFromEnv(env) });
}

/** Pure; exported for its test. */
export function connectCredentialsFromEnv(env: Record<string, string | undefined>): ConnectCredentials | undefined {
  const username = env.KAFKA_CONNECT_USERNAME?.trim() || undefined;
  const password = env.KAFKA_CONNECT_PASSWORD || undefined; // kept byte for byte
  if (username === undefined && password === undefined) return undefined;
  if (username === undefined)
    throw new AppError("UNAVAILABLE", "KAFKA_CONNECT_USERNAME is required with KAFKA_CONNECT_PASSWORD");
  if (password === undefined)
    throw new AppError("UNAVAILABLE", "KAFKA_CONNECT_PASSWORD is required with KAFKA_CONNECT_USERNAME");
  // Basic auth joins the two with ":"; a colon in the user name would shift it into the password.
  if (username.includes(":")) throw new AppError("UNAVAILABLE", 'KAFKA_CONNECT_USERNAME must not contain ":"');
  return { username, password };
}

/** The Authorization header for KAFKA_CONNECT_USERNAME / KAFKA_CONNECT_PASSWORD (none without them), for requests made outside the client. */
export function connectAuthHeaders(env: Record<string, string | undefined> = process.env): Record<string, string> {
  return basicAuthHeaders(connectCredentialsFromEnv(env));
}

function basicAuthHeaders(credentials: ConnectCredentials | undefined): Record<string, string> {
  if (!credentials) return {};
  return {
    authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, "utf8").toString("base64")}`,
  };
}

export function createConnectClient(baseUrl: string, options: ConnectClientOptions = {}): ConnectClient {
  const url = baseUrl.replace(/\/+$/, "");
  const fetchImpl = options.fetchImpl ?? fetch;
  const credentials = options.credentials;
  const authorization = basicAuthHeaders(credentials);
  const path = (name: string, suffix = "") => `/connectors/${encodeURIComponent(name)}${suffix}`;

  async function request(
    method: string,
    suffix: string,
    body?: unknown,
    timeoutMs = REQUEST_TIMEOUT_MS,
  ): Promise<{ status: number; json: unknown }> {
    let response: Response;
    try {
      response = await fetchImpl(`${url}${suffix}`, {
        method,
        headers: {
          accept: "application/json",
          ...authorization,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new AppError("UNAVAILABLE", `Kafka Connect does not answer at ${url}: ${(error as Error).message}`);
    }
    const text = await response.text();
    const json = parseJson(text);
    if (!response.ok) throw httpError(method, suffix, response.status, json, text, credentials?.username);
    return { status: response.status, json };
  }

  function parse<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
    const result = schema.safeParse(json);
    if (!result.success) {
      throw new AppError(
        "UNAVAILABLE",
        `Kafka Connect at ${url} answered ${what} with an unexpected body: ${result.error.issues[0]?.message}`,
      );
    }
    return result.data;
  }

  return {
    url,
    async listConnectors() {
      return parse(z.array(z.string()), (await request("GET", "/connectors")).json, "the connector list");
    },
    async putConnectorConfig(name, config) {
      const { status, json } = await request("PUT", path(name, "/config"), config, CONFIG_TIMEOUT_MS);
      return { created: status === 201, info: parse(connectorInfoSchema, json, `the config of ${name}`) };
    },
    async getStatus(name) {
      const status = parse(statusSchema, (await request("GET", path(name, "/status"))).json, `the status of ${name}`);
      return {
        name: status.name,
        connector: {
          state: status.connector.state,
          workerId: status.connector.worker_id,
          trace: status.connector.trace,
        },
        tasks: status.tasks.map((task) => ({
          id: task.id,
          state: task.state,
          workerId: task.worker_id,
          trace: task.trace,
        })),
      };
    },
    async getConfig(name) {
      return parse(
        z.record(z.string(), z.string()),
        (await request("GET", path(name, "/config"))).json,
        `the config of ${name}`,
      );
    },
    async getOffsets(name) {
      return parse(offsetsSchema, (await request("GET", path(name, "/offsets"))).json, `the offsets of ${name}`)
        .offsets;
    },
    async pause(name) {
      await request("PUT", path(name, "/pause"));
    },
    async resume(name) {
      await request("PUT", path(name, "/resume"));
    },
    async restart(name, options = {}) {
      const query = `?includeTasks=${options.includeTasks ?? false}&onlyFailed=${options.onlyFailed ?? false}`;
      await request("POST", path(name, `/restart${query}`));
    },
    async restartTask(name, taskId) {
      await request("POST", path(name, `/tasks/${taskId}/restart`));
    },
    async deleteConnector(name) {
      try {
        await request("DELETE", path(name));
      } catch (error) {
        if (!(error instanceof AppError && error.code === "NOT_FOUND")) throw error;
      }
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return text === "" ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Connect's own message says what is wrong (e.g. which config value); the code says whose fault it is. */
function httpError(
  method: string,
  suffix: string,
  status: number,
  json: unknown,
  text: string,
  username: string | undefined,
): AppError {
  const parsed = errorBodySchema.safeParse(json);
  const message = parsed.success ? parsed.data.message : text.slice(0, 200) || `HTTP ${status}`;
  const what = `${method} ${suffix}`;
  // Our configuration's fault, not the signed-in person's: UNAVAILABLE, never UNAUTHENTICATED.
  if (status === 401) {
    const hint =
      username === undefined
        ? "it requires basic auth: set KAFKA_CONNECT_USERNAME and KAFKA_CONNECT_PASSWORD"
        : `it refused user "${username}": check KAFKA_CONNECT_USERNAME and KAFKA_CONNECT_PASSWORD`;
    return new AppError("UNAVAILABLE", `Kafka Connect answered HTTP 401 Unauthorized to ${what}: ${hint}`);
  }
  if (status === 404) return new AppError("NOT_FOUND", `Kafka Connect: not found (${what}): ${message}`);
  // 409: the worker group is rebalancing or a connector is being changed concurrently; retry shortly.
  if (status === 409)
    return new AppError("CONFLICT", `Kafka Connect is busy (rebalancing), try again (${what}): ${message}`);
  if (status === 400 || status === 422)
    return new AppError("BAD_REQUEST", `Kafka Connect rejected ${what}: ${message}`);
  return new AppError("UNAVAILABLE", `Kafka Connect failed ${what} with HTTP ${status}: ${message}`);
}
