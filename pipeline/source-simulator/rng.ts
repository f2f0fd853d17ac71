/** The generator's randomness: one seeded stream, and the draws made from it. */

/** Uniform in [0, 1). */
export type Rng = () => number;

/** mulberry32: tiny, fast and good enough for test data; not for anything secret. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws from one stream. Each takes its numbers in a fixed order, so a seed always yields the same stream. */
export type Draw = {
  rng: Rng;
  pick<T>(items: readonly T[]): T;
  /** an integer in [min, max] */
  between(min: number, max: number): number;
  /** `count` capital letters */
  letters(count: number): string;
};

export function drawFrom(rng: Rng): Draw {
  return {
    rng,
    pick: (items) => items[Math.floor(rng() * items.length)]!,
    between: (min, max) => min + Math.floor(rng() * (max - min + 1)),
    letters: (count) => Array.from({ length: count }, () => String.fromCharCode(65 + Math.floor(rng() * 26))).join(""),
  };
}
