/**
 * Fair shares of a pooled processor's processing slots (one slot = one Postgres connection doing
 * one tenant's work). A freed slot goes to the waiting tenant that holds the fewest slots, the
 * earliest of them on a tie: under contention no tenant holds more than its share, and an idle
 * pool lets one busy tenant use every slot. A tenant's batch is handled in turns of at most its
 * budget of messages, giving the slot back between turns, so a tenant with a large backlog (or a
 * burst of poison) cannot keep a slot for a whole 10 MiB fetch while the others wait.
 */

export interface Waiter {
  tenant: string;
}

/** Index of the waiter to grant the next free slot to; undefined when nobody waits. */
export function pickWaiter(waiters: readonly Waiter[], held: ReadonlyMap<string, number>): number | undefined {
  let best: number | undefined;
  for (let i = 0; i < waiters.length; i++) {
    const holds = held.get(waiters[i]!.tenant) ?? 0;
    if (best === undefined || holds < (held.get(waiters[best]!.tenant) ?? 0)) best = i;
  }
  return best;
}

/** A batch's messages in turns of at most `budget` (null: the whole batch in one turn). */
export function budgetTurns<T>(messages: readonly T[], budget: number | null): T[][] {
  if (budget === null || messages.length <= budget) return [messages.slice()];
  const turns: T[][] = [];
  for (let i = 0; i < messages.length; i += budget) turns.push(messages.slice(i, i + budget));
  return turns;
}

type Queued = Waiter & { grant: () => void };

/** The slots themselves: `acquire` resolves to a release function once `pickWaiter` chose the caller. */
export class FairShareGate {
  private readonly held = new Map<string, number>();
  private readonly waiters: Queued[] = [];
  private inUse = 0;

  constructor(private readonly slots: number) {}

  acquire(tenant: string): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiters.push({ tenant, grant: () => resolve(this.releaser(tenant)) });
      this.dispatch();
    });
  }

  /** slots held per tenant (for logs and tests) */
  holdings(): ReadonlyMap<string, number> {
    return this.held;
  }

  private releaser(tenant: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inUse--;
      const holds = (this.held.get(tenant) ?? 1) - 1;
      if (holds > 0) this.held.set(tenant, holds);
      else this.held.delete(tenant);
      this.dispatch();
    };
  }

  private dispatch(): void {
    while (this.inUse < this.slots) {
      const next = pickWaiter(this.waiters, this.held);
      if (next === undefined) return;
      const [waiter] = this.waiters.splice(next, 1);
      this.inUse++;
      this.held.set(waiter!.tenant, (this.held.get(waiter!.tenant) ?? 0) + 1);
      waiter!.grant();
    }
  }
}
