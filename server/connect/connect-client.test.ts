import { describe, expect, it } from "vitest";
import {
  connectAuthHeaders,
  connectClientFromEnv,
  connectCredentialsFromEnv,
  createConnectClient,
} from "./connect-client";

describe("connectClientFromEnv", () => {
  it("uses KAFKA_CONNECT_URL, without a trailing slash", () => {
    expect(connectClientFromEnv({ KAFKA_CONNECT_URL: "http://connect.internal:8083/" }).url).toBe(
      "http://connect.internal:8083",
    );
    expect(createConnectClient("https://connect.example.com//").url).toBe("https://connect.example.com");
  });

  it("says what is wrong when it is missing or not an http URL", () => {
    expect(() => connectClientFromEnv({})).toThrow(/KAFKA_CONNECT_URL must be .* \(got null\)/);
    expect(() => connectClientFromEnv({ KAFKA_CONNECT_URL: "connect:8083" })).toThrow(/KAFKA_CONNECT_URL must be/);
  });
});

describe("connectCredentialsFromEnv", () => {
  const url = "http://connect.internal:8083";

  it("is none without KAFKA_CONNECT_USERNAME and KAFKA_CONNECT_PASSWORD (or with both empty)", () => {
    expect(connectCredentialsFromEnv({})).toBeUndefined();
    expect(connectCredentialsFromEnv({ KAFKA_CONNECT_USERNAME: "", KAFKA_CONNECT_PASSWORD: "" })).toBeUndefined();
  });

  it("takes both, the password byte for byte", () => {
    expect(
      connectCredentialsFromEnv({ KAFKA_CONNECT_USERNAME: " syncdeck ", KAFKA_CONNECT_PASSWORD: " s3cret:x " }),
    ).toEqual({ username: "syncdeck", password: " s3cret:x " });
  });

  it("names the missing half and never shows the password", () => {
    expect(() => connectCredentialsFromEnv({ KAFKA_CONNECT_PASSWORD: "hunter2" })).toThrow(
      "KAFKA_CONNECT_USERNAME is required with KAFKA_CONNECT_PASSWORD",
    );
    expect(() => connectCredentialsFromEnv({ KAFKA_CONNECT_USERNAME: "syncdeck" })).toThrow(
      "KAFKA_CONNECT_PASSWORD is required with KAFKA_CONNECT_USERNAME",
    );
    expect(() =>
      connectCredentialsFromEnv({ KAFKA_CONNECT_USERNAME: "a:b", KAFKA_CONNECT_PASSWORD: "hunter2" }),
    ).toThrow(/^KAFKA_CONNECT_USERNAME must not contain ":"$/);
    expect(() => connectClientFromEnv({ KAFKA_CONNECT_URL: url, KAFKA_CONNECT_PASSWORD: "hunter2" })).toThrow(
      /^(?!.*hunter2)/,
    );
  });

  it("refuses credentials inside KAFKA_CONNECT_URL, which errors would print", () => {
    expect(() => connectClientFromEnv({ KAFKA_CONNECT_URL: "http://syncdeck:hunter2@connect.internal:8083" })).toThrow(
      /^KAFKA_CONNECT_URL must not contain credentials; set KAFKA_CONNECT_USERNAME and KAFKA_CONNECT_PASSWORD instead$/,
    );
  });
});

describe("connectAuthHeaders", () => {
  it("is a basic Authorization header with both variables, nothing without them", () => {
    expect(connectAuthHeaders({})).toEqual({});
    expect(connectAuthHeaders({ KAFKA_CONNECT_USERNAME: "syncdeck", KAFKA_CONNECT_PASSWORD: "pä:ss" })).toEqual({
      authorization: `Basic ${Buffer.from("syncdeck:pä:ss").toString("base64")}`,
    });
  });
});
