/**
 * The loop of a background worker that claims rows (tenant jobs, reconciliation runs): run a tick,
 * go straight on while it finds work, otherwise sleep until the next poll or until stopped. Any
 * number of replicas run it; what a tick claims is theirs by a lease (see the workers).
 */

/** Whether the worker was asked to stop, and a sleep that a stop cuts short. */
export type StopSignal = { readonly stopped: boolean; sleep(ms: number): Promise<void>; stop(): void };

export function createStopSignal(): StopSignal {
  let stopped = false;
  const wakers = new Set<() => void>();
  return {
    get stopped() {
      return stopped;
    },
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        if (stopped) return resolve();
        const wake = () => {
          clearTimeout(timer);
          wakers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, ms);
        wakers.add(wake);
      }),
    stop() {
      stopped = true;
      for (const wake of [...wakers]) wake();
    },
  };
}

/**
 * Runs `tick` until the signal stops: again at once when it returns true (it found work), after
 * `pollMs` otherwise or when it failed (`onError` hears why). Settles once the last tick is over.
 */
export async function runClaimLoop(
  signal: StopSignal,
  options: { tick: () => Promise<boolean>; pollMs: number; onError: (error: unknown) => void },
): Promise<void> {
  while (!signal.stopped) {
    try {
      if (await options.tick()) continue;
    } catch (error) {
      options.onError(error);
    }
    await signal.sleep(options.pollMs);
  }
}
