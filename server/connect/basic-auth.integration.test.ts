/**
 * HTTP basic auth against a real Kafka Connect worker: this file's own worker (on the integration
 * setup's broker) with Connect's BasicAuthSecurityRestExtension and a JAAS users file. The client
 * built from KAFKA_CONNECT_URL, KAFKA_CONNECT_USERNAME and KAFKA_CONNECT_PASSWORD lists the
 * connectors; without credentials, or with a wrong password, the call fails with an error that
 * says HTTP 401 and which variables to set, and never shows a password.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConnect, type RunningConnect } from "../../scripts/stack/connect";
import { AppError } from "../errors";
import { connectAuthHeaders, connectClientFromEnv } from "./connect-client";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-connect-auth-"));
const USERNAME = "syncdeck";
const PASSWORD = "c0nnect-s3cret";
let connect: RunningConnect | undefined;

beforeAll(async () => {
  connect = await startConnect({
    brokers: process.env.KAFKA_BROKERS!,
    dataDir: path.join(root, "connect"),
    groupId: `it.connect-auth.${randomUUID().slice(0, 8)}`,
    basicAuth: { username: USERNAME, password: PASSWORD },
  });
});

afterAll(async () => {
  await connect?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("Kafka Connect with basic auth", () => {
  it("lists the connectors with KAFKA_CONNECT_USERNAME and KAFKA_CONNECT_PASSWORD", async () => {
    const client = connectClientFromEnv({
      KAFKA_CONNECT_URL: connect!.url,
      KAFKA_CONNECT_USERNAME: USERNAME,
      KAFKA_CONNECT_PASSWORD: PASSWORD,
    });
    expect(await client.listConnectors()).toEqual([]);
  });

  it("lets the health page's own probe through with connectAuthHeaders", async () => {
    const env = { KAFKA_CONNECT_USERNAME: USERNAME, KAFKA_CONNECT_PASSWORD: PASSWORD };
    expect((await fetch(`${connect!.url}/connectors`, { headers: connectAuthHeaders(env) })).status).toBe(200);
    expect((await fetch(`${connect!.url}/connectors`, { headers: connectAuthHeaders({}) })).status).toBe(401);
  });

  it("fails with a clear 401 error without credentials", async () => {
    const error = await failure(connectClientFromEnv({ KAFKA_CONNECT_URL: connect!.url }).listConnectors());
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toBe(
      "Kafka Connect answered HTTP 401 Unauthorized to GET /connectors: it requires basic auth: set KAFKA_CONNECT_USERNAME and KAFKA_CONNECT_PASSWORD",
    );
  });

  it("fails with a clear 401 error for a wrong password, without showing it", async () => {
    const client = connectClientFromEnv({
      KAFKA_CONNECT_URL: connect!.url,
      KAFKA_CONNECT_USERNAME: USERNAME,
      KAFKA_CONNECT_PASSWORD: "wrong-guess",
    });
    const error = await failure(client.listConnectors());
    expect(error.message).toBe(
      'Kafka Connect answered HTTP 401 Unauthorized to GET /connectors: it refused user "syncdeck": check KAFKA_CONNECT_USERNAME and KAFKA_CONNECT_PASSWORD',
    );
    expect(error.message).not.toContain("wrong-guess");
    expect(JSON.stringify(error.details ?? null)).not.toContain("wrong-guess");
  });
});
