/**
 * The tenants' traffic, as Debezium would write it: each change of a tenant's workload
 * (bench/pipeline/workload.ts, which remembers every entity's last LSN for the lost check) as a
 * PostgreSQL-connector change event on `sync.<tenant>.cdc.members|claims`, keyed by primary key,
 * with `source.ts_ms` = the time it is sent. No source database and no Connect: 200 connectors
 * and replication slots are not what this bench measures, and bench:pipeline measures
 * source-to-target from the send time the same way. A poisoned tenant also gets bench:pipeline's
 * poison on its updates topic (POISON_KINDS), as from a faulty upstream.
 */
import type { Message, Producer } from "kafkajs";
import type { CanonicalUpdate, ClaimData, MemberData } from "@/lib/contract/canonical-update";
import { fmt, sleep } from "../pipeline/config";
import { Workload } from "../pipeline/workload";

const DAY_MS = 86_400_000;
const days = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

const memberRow = (d: MemberData, version: number) => ({
  member_id: d.memberId,
  first_name: d.firstName,
  last_name: d.lastName,
  date_of_birth: days(d.dateOfBirth), // io.debezium.time.Date: days since the epoch
  address_line: d.addressLine,
  city: d.city,
  state: d.state,
  postal_code: d.postalCode,
  plan_id: d.planId,
  status: d.status,
  version,
});

const claimRow = (d: ClaimData, version: number) => ({
  claim_id: d.claimId,
  member_id: d.memberId,
  ndc: d.ndc,
  drug_name: d.drugName,
  pharmacy_id: d.pharmacyId,
  quantity: d.quantity,
  days_supply: d.daysSupply,
  amount_billed: d.amountBilled, // decimal.handling.mode=string
  amount_paid: d.amountPaid,
  status: d.status,
  fill_date: days(d.fillDate),
  version,
});

/** The change event Debezium writes for `u` (a delete's `before` holds the key columns and version). */
export function changeEvent(u: CanonicalUpdate): { topic: string; message: Message } {
  const table = u.entity === "member" ? "members" : "claims";
  const row =
    u.data === null
      ? u.entity === "member"
        ? { member_id: u.id, version: u.sourceVersion }
        : { claim_id: u.id, member_id: u.memberId, version: u.sourceVersion }
      : u.entity === "member"
        ? memberRow(u.data as MemberData, u.sourceVersion)
        : claimRow(u.data as ClaimData, u.sourceVersion);
  const op = u.op === "delete" ? "d" : u.sourceVersion === 1 ? "c" : "u";
  const key = u.entity === "member" ? { member_id: u.id } : { claim_id: u.id };
  const value = {
    before: op === "d" ? row : null,
    after: op === "d" ? null : row,
    source: {
      connector: "postgresql",
      name: u.tenant,
      ts_ms: u.sourceTsMs,
      db: "source",
      schema: "public",
      table,
      lsn: Number(u.sourceLsn),
    },
    op,
    ts_ms: u.sourceTsMs,
  };
  return { topic: u.cdcTopic, message: { key: JSON.stringify(key), value: JSON.stringify(value) } };
}

export type TenantLoad = {
  tenant: string;
  rate: number;
  /** how far ahead the tenant's schedule runs, in [0, 1) of one change's interval (1/rate) */
  phase: number;
  work: Workload;
  /** poison on the tenant's updates topic at this rate while set */
  poisonRate: number;
  poison: Workload;
};

/**
 * A tenant's first changes are new members; its first claim comes after FIRST_MEMBERS of them
 * (Workload's default of 100 would make a light tenant's first 50 s members only).
 */
const FIRST_MEMBERS = 10;

/** Spreads the tenants over [0, 1) deterministically: a tenant's changes are not due in the same tick as every other's. */
const phaseOf = (seed: number) => (seed * 0.618_033_988_75) % 1;

export const tenantLoad = (tenant: string, rate: number, seed: number): TenantLoad => {
  const poison = new Workload(tenant, seed + 1_000_000);
  poison.poisonEvery = 1; // every message poison (ids P…, apart from the workload's entities)
  const work = new Workload(tenant, seed, FIRST_MEMBERS);
  return { tenant, rate, phase: phaseOf(seed), work, poisonRate: 0, poison };
};

/** The messages a load owes at `elapsedMs`, given what it sent; stamped `nowMs`. */
function due(load: TenantLoad, sent: { changes: number; poison: number }, elapsedMs: number, nowMs: number) {
  const out: Array<{ topic: string; message: Message }> = [];
  const changes = Math.floor((load.rate * elapsedMs) / 1000 + load.phase) - sent.changes;
  for (let i = 0; i < changes; i++) out.push(changeEvent(load.work.next(nowMs)));
  sent.changes += Math.max(0, changes);
  const poison = Math.floor((load.poisonRate * elapsedMs) / 1000) - sent.poison;
  for (let i = 0; i < poison; i++) out.push({ topic: load.poison.topics.updates, message: load.poison.message(nowMs) });
  sent.poison += Math.max(0, poison);
  return out;
}

const SEND_CHUNK = 500;

/**
 * A loaded broker may still answer "not the leader" for partitions its metadata already leads, after
 * kafkajs' own retries: the send is repeated (a message sent twice is a redelivery, which the
 * processors must take in their stride anyway; the duplicate check counts applies, not messages).
 */
async function sendAgain<T>(send: () => Promise<T>, attempts = 5): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      const sent = await send();
      // the changes of a slow send were stamped before it: their latency includes it, so say so
      if (Date.now() - started > SLOW_SEND_MS)
        console.log(`  load generator: a send took ${fmt(Date.now() - started)} ms (attempt ${attempt})`);
      return sent;
    } catch (error) {
      console.log(
        `  load generator: send attempt ${attempt} failed after ${fmt(Date.now() - started)} ms: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (attempt >= attempts) throw error;
      await sleep(1_000);
    }
  }
}

const SLOW_SEND_MS = 1_000;

/** Sends `byTopic` (emptying it), in requests of at most SEND_CHUNK messages per topic (the broker's 1 MB batch limit). */
async function sendAll(producer: Producer, byTopic: Map<string, Message[]>): Promise<void> {
  for (let from = 0; byTopic.size; from += SEND_CHUNK) {
    const topicMessages = [...byTopic].map(([topic, messages]) => ({
      topic,
      messages: messages.slice(from, from + SEND_CHUNK),
    }));
    for (const { topic, messages } of topicMessages) if (messages.length < SEND_CHUNK) byTopic.delete(topic);
    await sendAgain(() =>
      producer.sendBatch({ acks: -1, topicMessages: topicMessages.filter((t) => t.messages.length) }),
    );
  }
}

const add = (byTopic: Map<string, Message[]>, { topic, message }: { topic: string; message: Message }) => {
  const messages = byTopic.get(topic) ?? [];
  messages.push(message);
  byTopic.set(topic, messages);
};

/** Messages each CDC topic of a tenant gets before traffic at its rate: ~5 KB, past its first index entry. */
const PRIMED_MESSAGES = 10;

/**
 * Each tenant's first changes, at once, until both of its CDC topics have PRIMED_MESSAGES: the
 * broker's first message to a partition and the first entry of its index cost ~100 ms each on this
 * machine while it is busy (2 ms idle), and a tenant at 2 changes/s would reach them at times
 * set by its workload, in a measured window — 200 tenants in lockstep once held the load
 * generator 7-20 s in one produce request, counted as the pipeline's latency (a per-second count
 * of the broker's allocated index files rose ~10/s while its sends stalled). A real source's
 * topics are that old long before anyone measures them. Returns how many changes were sent.
 */
export async function prime(producer: Producer, loads: TenantLoad[]): Promise<number> {
  const now = Date.now();
  const byTopic = new Map<string, Message[]>();
  let changes = 0;
  for (const load of loads) {
    const perTopic = new Map<string, number>();
    while (perTopic.size < 2 || Math.min(...perTopic.values()) < PRIMED_MESSAGES) {
      const change = changeEvent(load.work.next(now));
      perTopic.set(change.topic, (perTopic.get(change.topic) ?? 0) + 1);
      add(byTopic, change);
      changes++;
    }
  }
  await sendAll(producer, byTopic);
  return changes;
}

/**
 * Offers every load's rate for `seconds` (open loop): every tick, what is due is stamped and sent
 * in one batch, one batch in flight at a time (so a key's changes stay in order). Returns how many
 * changes and poison messages were sent.
 */
export async function offer(
  producer: Producer,
  loads: TenantLoad[],
  seconds: number,
): Promise<{ changes: number; poison: number }> {
  const started = performance.now();
  const sent = new Map(loads.map((l) => [l.tenant, { changes: 0, poison: 0 }]));
  for (;;) {
    const elapsed = Math.min(performance.now() - started, seconds * 1000);
    const now = Date.now();
    const byTopic = new Map<string, Message[]>();
    for (const load of loads)
      for (const change of due(load, sent.get(load.tenant)!, elapsed, now)) add(byTopic, change);
    await sendAll(producer, byTopic); // a late tick owes many messages
    if (elapsed >= seconds * 1000) break;
    await sleep(10);
  }
  let changes = 0;
  let poison = 0;
  for (const s of sent.values()) {
    changes += s.changes;
    poison += s.poison;
  }
  return { changes, poison };
}
