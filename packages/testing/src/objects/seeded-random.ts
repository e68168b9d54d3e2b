/**
 * A small deterministic random number generator (mulberry32): the same seed gives the same
 * sequence on every run, so generated data and randomised tests (churn, chaos) can be replayed.
 *
 * @param seed - any 32-bit integer.
 * @returns a function returning numbers in [0, 1).
 * @example
 * ```ts
 * const random = seededRandom(42);
 * random(); // the same number on every run
 * ```
 * @since 0.1.0
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
