/**
 * Kafka clusters through the API functions and the `syncdeck cluster` command: only a global
 * environment.manage may add, change or remove one; bad input is a 400 that says what is wrong
 * and changes nothing; a cluster an environment uses, and the one KAFKA_BROKERS declares, stay
 * (409); secrets are stored and audited by name only; every change is audited.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS } from "@/server/auth/permissions";
import { cluster as clusterCommand } from "@/server/cli/commands/cluster";
import { getPrisma } from "@/server/db/client";
import { seed } from "@/server/db/seed";
import { createEnvironment } from "@/server/deployments/environment-admin";
import { withThrowawayDatabase } from "../../test/integration/throwaway-database";
import {
  changeCluster,
  createCluster,
  deleteCluster,
  listClustersForAdmin,
  setEnvironmentCluster,
} from "./cluster-admin";

withThrowawayDatabase("it_cluster_admin", { demo: false });

const context = { requestId: "it-clusters", sourceAddress: "127.0.0.1" };
const viewer = (role: "admin" | "ops"): Viewer => ({
  id: randomUUID(),
  email: `${role}@it.test`,
  name: role,
  globalRole: role,
  globalPermissions: new Set(DEFAULT_GRANTS[role]),
  tenantAccess: new Map(),
});
const admin = viewer("admin");
const ops = viewer("ops");
const staging = {
  id: "staging-kafka",
  title: "Staging Kafka",
  brokers: ["b-1.staging:9096", "b-2.staging:9096"],
  security: { tls: true, sasl: { mechanism: "scram-sha-512", username: "syncdeck", passwordSecret: "STAGING_SASL" } },
  connectUrl: "http://connect.staging:8083",
};

describe("Kafka clusters through the API", () => {
  it("lists the cluster KAFKA_BROKERS declares, written at startup, first", async () => {
    const { clusters } = await listClustersForAdmin(admin);
    expect(clusters[0]).toMatchObject({
      id: "default",
      brokers: process.env.KAFKA_BROKERS!.split(","),
      fromEnvironment: true,
      environments: [],
    });
    // Seeding again with other variables follows them (the demo and `syncdeck migrate` both seed).
    await seed(getPrisma(), {
      demo: false,
      env: { KAFKA_BROKERS: "k-1:9092,k-2:9092", KAFKA_CONNECT_URL: "http://c:8083" },
    });
    expect((await listClustersForAdmin(admin)).clusters[0]).toMatchObject({
      brokers: ["k-1:9092", "k-2:9092"],
      connectUrl: "http://c:8083",
    });
    await seed(getPrisma(), { demo: false });
  });

  it("lets an admin add, change, assign and remove a cluster, each audited, secrets only by name", async () => {
    const created = await createCluster(admin, context, staging);
    expect(created.cluster).toMatchObject({ ...staging, fromEnvironment: false, environments: [] });
    await changeCluster(admin, context, "staging-kafka", { schemaRegistryUrl: "http://registry.staging:8081" });
    await createEnvironment(admin, context, { id: "staging", driver: "local" });
    await setEnvironmentCluster(admin, context, "staging", { cluster: "staging-kafka" });
    expect((await listClustersForAdmin(admin)).clusters.find((c) => c.id === "staging-kafka")).toMatchObject({
      schemaRegistryUrl: "http://registry.staging:8081",
      environments: ["staging"],
    });
    await expect(deleteCluster(admin, context, "staging-kafka")).rejects.toMatchObject({
      code: "CONFLICT",
      message: "cluster staging-kafka is used by environment(s) staging; move them to another cluster first",
    });
    await setEnvironmentCluster(admin, context, "staging", { cluster: null });
    await deleteCluster(admin, context, "staging-kafka");
    expect((await listClustersForAdmin(admin)).clusters.map((c) => c.id)).toEqual(["default"]);

    const audit = await getPrisma().auditEvent.findMany({
      where: {
        target: { in: ["cluster:staging-kafka", "environment:staging"] },
        action: { not: "environment.create" },
      },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.action, a.actorEmail])).toEqual([
      ["cluster.create", "admin@it.test"],
      ["cluster.update", "admin@it.test"],
      ["environment.cluster", "admin@it.test"],
      ["environment.cluster", "admin@it.test"],
      ["cluster.remove", "admin@it.test"],
    ]);
    expect(audit[1]!.before).toMatchObject({ schemaRegistryUrl: null });
    expect(audit[1]!.after).toMatchObject({ schemaRegistryUrl: "http://registry.staging:8081" });
    expect(audit[2]!.after).toEqual({ cluster: "staging-kafka" });
    expect(audit[0]!.after).toMatchObject({ security: { tls: true, sasl: { mechanism: "scram-sha-512" } } });
  });

  it("keeps the cluster KAFKA_BROKERS declares as the variables say", async () => {
    await expect(changeCluster(admin, context, "default", { title: "x" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/declared by KAFKA_BROKERS and KAFKA_CONNECT_URL/),
    });
    await expect(deleteCluster(admin, context, "default")).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses everyone without a global environment.manage", async () => {
    await expect(listClustersForAdmin(ops)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createCluster(ops, context, staging)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(changeCluster(ops, context, "staging-kafka", {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteCluster(ops, context, "staging-kafka")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setEnvironmentCluster(ops, context, "staging", { cluster: null })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("says what is wrong with bad input and changes nothing", async () => {
    const before = await getPrisma().kafkaCluster.count();
    const cases: Array<[unknown, RegExp]> = [
      [{ ...staging, id: "Prod" }, /^id: a cluster name is 2–40 characters/],
      [{ ...staging, brokers: "b:1" }, /^brokers: brokers is a list of host:port/],
      [{ ...staging, security: { tls: false, sasl: { mechanism: "gssapi" } } }, /^security.sasl.mechanism: /],
      [
        { ...staging, security: { sasl: { mechanism: "plain", username: "u", passwordSecret: "pa55word" } } },
        /passwordSecret/,
      ],
      [{ ...staging, connectUrl: "ftp://x" }, /^connectUrl: connectUrl must be an http\(s\) URL/],
      [null, /^id: /],
    ];
    for (const [body, message] of cases)
      await expect(createCluster(admin, context, body), JSON.stringify(body)).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(message),
      });
    await createCluster(admin, context, { id: "qa-kafka", brokers: ["q:9092"] });
    await expect(createCluster(admin, context, { id: "qa-kafka", brokers: ["q:9092"] })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "cluster qa-kafka exists already",
    });
    await expect(changeCluster(admin, context, "qa-kafka", {})).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(changeCluster(admin, context, "qa-kafka", { connectUsername: "u" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "connectUsername needs connectPasswordSecret",
    });
    await expect(changeCluster(admin, context, "nope", { title: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteCluster(admin, context, "x\u0000")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setEnvironmentCluster(admin, context, "staging", { cluster: "nope" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "there is no cluster nope",
    });
    await expect(setEnvironmentCluster(admin, context, "staging", { cluster: 7 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await getPrisma().kafkaCluster.count()).toBe(before + 1);
    await deleteCluster(admin, context, "qa-kafka");
  });
});

describe("syncdeck cluster", () => {
  const run = async (...argv: string[]) => {
    const lines: string[] = [];
    await clusterCommand(argv, (line) => lines.push(line));
    return lines.join("\n");
  };

  it("adds, changes, lists, assigns and removes clusters, audited as the operator", async () => {
    expect(
      await run(
        "add",
        "prod-kafka",
        "--brokers",
        "b-1.prod:9096",
        "--tls",
        "--sasl-mechanism",
        "SCRAM-SHA-512",
        "--sasl-username",
        "syncdeck",
        "--sasl-password-secret",
        "PROD_SASL",
      ),
    ).toBe("cluster add: prod-kafka (b-1.prod:9096) created");
    expect(await run("update", "prod-kafka", "--connect-url", "http://connect.prod:8083")).toBe(
      "cluster update: prod-kafka changed",
    );
    await createEnvironment(admin, context, { id: "production", driver: "local" });
    expect(await run("assign", "production", "prod-kafka")).toBe(
      "cluster assign: environment production uses cluster prod-kafka",
    );
    const listed = JSON.parse(await run("list", "--json")) as Array<{
      id: string;
      environments: string[];
      security: object;
    }>;
    expect(listed.find((c) => c.id === "prod-kafka")).toMatchObject({
      environments: ["production"],
      connectUrl: "http://connect.prod:8083",
      security: { tls: true, sasl: { mechanism: "scram-sha-512", username: "syncdeck", passwordSecret: "PROD_SASL" } },
    });
    expect(await run("list")).toMatch(
      /^NAME +BROKERS .*\n.*\nprod-kafka +b-1\.prod:9096 +tls\+scram-sha-512 +http:\/\/connect\.prod:8083 +production +prod-kafka$/m,
    );
    await expect(run("remove", "prod-kafka")).rejects.toMatchObject({
      message:
        "cluster remove: cluster prod-kafka is used by environment(s) production; move them to another cluster first",
      exitCode: 1,
    });
    expect(await run("assign", "production", "default")).toBe(
      "cluster assign: environment production uses cluster default",
    );
    expect(await run("remove", "prod-kafka")).toBe("cluster remove: prod-kafka removed");
    const audit = await getPrisma().auditEvent.findMany({
      where: { target: "cluster:prod-kafka" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.action, a.actorRole])).toEqual([
      ["cluster.create", "operator (syncdeck command)"],
      ["cluster.update", "operator (syncdeck command)"],
      ["cluster.remove", "operator (syncdeck command)"],
    ]);
  });

  it("refuses bad settings before touching the database", async () => {
    await expect(run("add", "qa")).rejects.toMatchObject({
      message: "cluster add: --brokers is required",
      exitCode: 2,
    });
    await expect(run("add", "qa", "--brokers", "nohost")).rejects.toMatchObject({
      message: expect.stringMatching(/^cluster add: brokers.0: a broker is host:port/),
    });
    await expect(run("rename", "qa")).rejects.toMatchObject({
      message: 'cluster: unknown action "rename"; the actions are: add, update, list, remove, assign',
    });
  });
});
