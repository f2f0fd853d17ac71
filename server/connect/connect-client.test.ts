import { describe, expect, it } from "vitest";
import { connectClientFromEnv, createConnectClient } from "./connect-client";

describe("connectClientFromEnv", () => {
  it("uses KAFKA_CONNECT_URL, without a trailing slash", () => {
    expect(connectClientFromEnv({ KAFKA_CONNECT_URL: "http://connect.internal:8083/" }).url).toBe("http://connect.internal:8083");
    expect(createConnectClient("https://connect.example.com//").url).toBe("https://connect.example.com");
  });

  it("says what is wrong when it is missing or not an http URL", () => {
    expect(() => connectClientFromEnv({})).toThrow(/KAFKA_CONNECT_URL must be .* \(got null\)/);
    expect(() => connectClientFromEnv({ KAFKA_CONNECT_URL: "connect:8083" })).toThrow(/KAFKA_CONNECT_URL must be/);
  });
});
