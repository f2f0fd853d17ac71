/**
 * Mutual TLS against a real broker: this file's own single-node Kafka with an SSL listener that
 * requires a client certificate (`ssl.client.auth=required`), certificates from a throwaway CA made
 * with openssl and keytool. Through createKafka and the KAFKA_SSL_* variables only: with the client
 * certificate (its key encrypted, so KAFKA_SSL_KEY_PASSWORD is used too) a topic is created, a
 * message produced and consumed back; without it the broker refuses the handshake and the error
 * says it is TLS that failed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { logLevel, type Kafka } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKafka, type RunningKafka } from "../../scripts/stack/kafka";
import {
  createClientCertificate,
  createTestPki,
  sslListenerProperties,
  type ClientCertificate,
  type TestPki,
} from "../../scripts/stack/test-pki";
import { createKafka, createProducer } from "./client";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-mtls-"));
const PASSPHRASE = "client key passphrase";
let broker: RunningKafka | undefined;
let pki: TestPki;
let client: ClientCertificate;

beforeAll(async () => {
  pki = createTestPki(path.join(root, "pki"));
  client = createClientCertificate(pki, "syncdeck-console", PASSPHRASE);
  broker = await startKafka({
    dataDir: path.join(root, "kafka"),
    extraListeners: [{ name: "CLIENT_TLS", securityProtocol: "SSL", properties: sslListenerProperties(pki) }],
  });
});

afterAll(async () => {
  await broker?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

function tlsEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    KAFKA_BROKERS: broker!.extraListeners.CLIENT_TLS!,
    KAFKA_CLIENT_ID: "syncdeck-mtls-it",
    KAFKA_SSL: "true",
    KAFKA_SSL_CA_FILE: pki.caFile,
    ...extra,
  };
}

describe("Kafka with mutual TLS", () => {
  it("produces and consumes through the listener with the client certificate", async () => {
    const kafka: Kafka = createKafka(
      tlsEnv({
        KAFKA_SSL_CERT_FILE: client.certFile,
        KAFKA_SSL_KEY_FILE: client.keyFile,
        KAFKA_SSL_KEY_PASSWORD: PASSPHRASE,
      }),
      { logLevel: logLevel.NOTHING },
    );
    const topic = `it.mtls.${randomUUID().slice(0, 8)}`;
    const admin = kafka.admin();
    const producer = createProducer(kafka);
    const consumer = kafka.consumer({ groupId: `${topic}.group`, maxWaitTimeInMs: 200 });
    try {
      await Promise.all([admin.connect(), producer.connect(), consumer.connect()]);
      expect(await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true })).toBe(true);
      await producer.send({ topic, acks: -1, messages: [{ key: "member-1", value: "over mutual TLS" }] });
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const received = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no message consumed in 30 s")), 30_000);
        consumer
          .run({
            eachMessage: async ({ message }) => {
              clearTimeout(timer);
              resolve(message.value?.toString() ?? "");
            },
          })
          .catch(reject);
      });
      expect(received).toBe("over mutual TLS");
    } finally {
      await Promise.allSettled([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
    }
  });

  it("is refused without a client certificate, with an error naming the TLS failure", async () => {
    const admin = createKafka(tlsEnv(), {
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 5_000,
    }).admin();
    try {
      const error = await admin.connect().then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error, "connected without a client certificate").toBeInstanceOf(Error);
      // TLS 1.3 brokers answer "certificate required", TLS 1.2 ones "bad certificate"; both are SSL alerts.
      expect(error!.message).toMatch(
        /SSL alert.*(bad certificate|certificate required)|(bad certificate|certificate required).*SSL alert/i,
      );
      console.log(`without a client certificate: ${error!.name}: ${error!.message}`);
    } finally {
      await admin.disconnect().catch(() => {});
    }
  });
});
