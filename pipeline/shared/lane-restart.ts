/**
 * A pooled tenant's consumer that kafkajs gave up on (a non-retriable error: its topic deleted
 * under it, an authorization lost) takes its lane down, not the pool: the lane is retired and
 * started again after a backoff — 1 s, doubling to 60 s while it keeps crashing within a minute of
 * starting — while the pool's other tenants flow on. (A dedicated processor exits instead, and
 * whatever runs it starts it again.)
 */

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60_000;
/** a lane up this long before it crashed starts its backoff over */
const STABLE_MS = 60_000;

/** The wait before restarting a lane after `failures` crashes in a row. Pure. */
export const restartDelayMs = (failures: number) => Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - 1));

interface State {
  failures: number;
  startedAt: number;
  timer?: NodeJS.Timeout;
}

export class LaneRestarts {
  private readonly state = new Map<string, State>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The tenant's lane is running (again). */
  started(tenant: string): void {
    const state = this.state.get(tenant);
    if (state) state.startedAt = this.now();
    else this.state.set(tenant, { failures: 0, startedAt: this.now() });
  }

  /** The tenant's lane crashed: `restart` runs after the backoff, which is returned (ms). */
  crashed(tenant: string, restart: () => void): number {
    const previous = this.state.get(tenant);
    clearTimeout(previous?.timer);
    const failures = previous && this.now() - previous.startedAt < STABLE_MS ? previous.failures + 1 : 1;
    const delay = restartDelayMs(failures);
    const state: State = { failures, startedAt: previous?.startedAt ?? this.now() };
    state.timer = setTimeout(() => {
      state.timer = undefined;
      restart();
    }, delay);
    this.state.set(tenant, state);
    return delay;
  }

  /** True while the tenant waits out its backoff (nothing else should start its lane meanwhile). */
  waiting(tenant: string): boolean {
    return this.state.get(tenant)?.timer !== undefined;
  }

  /** The tenant left the pool: no restart. */
  forget(tenant: string): void {
    clearTimeout(this.state.get(tenant)?.timer);
    this.state.delete(tenant);
  }

  stop(): void {
    for (const tenant of [...this.state.keys()]) this.forget(tenant);
  }
}
