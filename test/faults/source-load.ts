/**
 * Load for the fault tests: writes member and claim changes to a tenant's source database (the
 * system of record reconciliation compares against) and, for each committed change, puts the
 * canonical update on `sync.<tenant>.updates` — standing in for Debezium and the cdc-processor,
 * which have their own tests, so that the faults hit the update path at a steady rate. A failed
 * send is repeated until the broker takes it (a restart must not lose a change); changes are
 * produced in commit order, one send at a time, so each member's changes stay in order.
 */
import type { Producer } from "kafkajs";
import pg from "pg";
import type { CanonicalUpdate, ClaimData, MemberData } from "@/lib/contract/canonical-update";
import { tenantTopics } from "@/lib/contract/topics";

const MEMBER_COLUMNS = `member_id, first_name, last_name, date_of_birth::text AS date_of_birth, address_line, city, state, postal_code, plan_id, status, version::int AS version`;
const CLAIM_COLUMNS = `claim_id, member_id, ndc, drug_name, pharmacy_id, quantity, days_supply, amount_billed::text AS amount_billed, amount_paid::text AS amount_paid, status, fill_date::text AS fill_date, version::int AS version`;
const CITIES = ["Springfield", "Riverton", "Fairview", "Madison", "Georgetown"];

type Row = Record<string, string | number>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SourceLoad {
  private readonly topics: ReturnType<typeof tenantTopics>;
  private readonly members: string[] = [];
  private readonly claims: string[] = [];
  private lsn = 1_000_000;
  private seq = 0;
  private running: Promise<void> | undefined;
  private stopping = false;
  /** changes committed in the source and acknowledged by the broker */
  produced = 0;
  sendFailures = 0;

  constructor(
    private readonly tenant: string,
    private readonly source: pg.Pool,
    private readonly producer: Producer,
  ) {
    this.topics = tenantTopics(tenant);
  }

  /** Runs until stop(): transactions of `batch` changes, `pauseMs` apart. */
  start(batch = 100, pauseMs = 10): void {
    this.stopping = false;
    this.running = (async () => {
      while (!this.stopping) {
        await this.step(batch);
        await sleep(pauseMs);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  async waitProduced(count: number, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.produced < count) {
      if (Date.now() > deadline) throw new Error(`load produced only ${this.produced} of ${count} changes`);
      await sleep(50);
    }
  }

  /** One source transaction of `count` changes, then their updates on the topic. */
  async step(count: number): Promise<void> {
    const client = await this.source.connect();
    const updates: CanonicalUpdate[] = [];
    try {
      await client.query("BEGIN");
      for (let i = 0; i < count; i++) {
        const update = await this.change(client);
        if (update) updates.push(update);
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    await this.send(updates.map((u) => ({ key: u.memberId, value: JSON.stringify(u) })));
    this.produced += updates.length;
  }

  /** Sends until acknowledged (the broker may be restarting). */
  async send(messages: Array<{ key: string; value: string }>): Promise<void> {
    for (;;) {
      try {
        await this.producer.send({ topic: this.topics.updates, acks: -1, messages });
        return;
      } catch {
        this.sendFailures++;
        await sleep(250);
      }
    }
  }

  private async change(client: pg.PoolClient): Promise<CanonicalUpdate | undefined> {
    const r = Math.random();
    const n = ++this.seq;
    if (this.members.length < 20 || r < 0.15) {
      const id = `M${n}`;
      const row = await one(
        client,
        `INSERT INTO members (member_id, first_name, last_name, date_of_birth, address_line, city, state, postal_code, plan_id)
        VALUES ($1, 'Ada', 'Lovelace', '1980-05-17', $2, $3, 'IL', '62701', 'P-1') RETURNING ${MEMBER_COLUMNS}`,
        [id, `${n} Main St`, pick(CITIES)],
      );
      this.members.push(id);
      return this.member(row);
    }
    if (r < 0.3) {
      const row = await one(
        client,
        `UPDATE members SET city = $2, address_line = $3 WHERE member_id = $1 RETURNING ${MEMBER_COLUMNS}`,
        [pick(this.members), pick(CITIES), `${n} Oak Ave`],
      );
      return this.member(row);
    }
    if (this.claims.length < 20 || r < 0.7) {
      const id = `C-${n}`;
      const row = await one(
        client,
        `INSERT INTO claims (claim_id, member_id, ndc, drug_name, pharmacy_id, quantity, days_supply, amount_billed, amount_paid, status, fill_date)
        VALUES ($1, $2, '00093715301', 'Atorvastatin 20 mg', 'PH-1', 30, 30, 12.50, 0, 'PENDING', '2026-11-20') RETURNING ${CLAIM_COLUMNS}`,
        [id, pick(this.members)],
      );
      this.claims.push(id);
      return this.claim(row);
    }
    const index = Math.floor(Math.random() * this.claims.length);
    const claimId = this.claims[index]!;
    if (r < 0.95) {
      const row = await one(
        client,
        `UPDATE claims SET status = $2, amount_paid = 10.00 WHERE claim_id = $1 RETURNING ${CLAIM_COLUMNS}`,
        [claimId, r < 0.9 ? "PAID" : "REVERSED"],
      );
      return this.claim(row);
    }
    const row = await one(
      client,
      `DELETE FROM claims WHERE claim_id = $1 RETURNING claim_id, member_id, version::int AS version`,
      [claimId],
    );
    this.claims.splice(index, 1);
    return {
      ...this.provenance(Number(row.version) + 1),
      entity: "claim",
      op: "delete",
      id: claimId,
      memberId: String(row.member_id),
      data: null,
    };
  }

  private provenance(version: number) {
    this.lsn += 1 + Math.floor(Math.random() * 8);
    return {
      tenant: this.tenant,
      sourceLsn: String(this.lsn),
      sourceVersion: version,
      sourceTsMs: Date.now(),
      cdcTopic: this.topics.cdc("members"),
      cdcPartition: 0,
      cdcOffset: String(this.lsn),
    };
  }

  private member(row: Row): CanonicalUpdate {
    const data: MemberData = {
      memberId: String(row.member_id),
      firstName: String(row.first_name),
      lastName: String(row.last_name),
      dateOfBirth: String(row.date_of_birth),
      addressLine: String(row.address_line),
      city: String(row.city),
      state: String(row.state),
      postalCode: String(row.postal_code),
      planId: String(row.plan_id),
      status: "ACTIVE",
    };
    return {
      ...this.provenance(Number(row.version)),
      entity: "member",
      op: "upsert",
      id: data.memberId,
      memberId: data.memberId,
      data,
    };
  }

  private claim(row: Row): CanonicalUpdate {
    const data: ClaimData = {
      claimId: String(row.claim_id),
      memberId: String(row.member_id),
      ndc: String(row.ndc),
      drugName: String(row.drug_name),
      pharmacyId: String(row.pharmacy_id),
      quantity: Number(row.quantity),
      daysSupply: Number(row.days_supply),
      amountBilled: String(row.amount_billed),
      amountPaid: String(row.amount_paid),
      status: row.status as ClaimData["status"],
      fillDate: String(row.fill_date),
    };
    return {
      ...this.provenance(Number(row.version)),
      entity: "claim",
      op: "upsert",
      id: data.claimId,
      memberId: data.memberId,
      data,
    };
  }
}

async function one(client: pg.PoolClient, text: string, values: unknown[]): Promise<Row> {
  const { rows } = await client.query<Row>(text, values);
  if (!rows[0]) throw new Error(`no row from: ${text.slice(0, 60)}`);
  return rows[0];
}

function pick<T>(list: readonly T[]): T {
  return list[Math.floor(Math.random() * list.length)]!;
}
