/**
 * A small deterministic random number generator (mulberry32), so a demo run can be repeated.
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

/**
 * Picks one element at random.
 *
 * @param random - the generator.
 * @param items - a non-empty list.
 * @returns one of the items.
 * @throws RangeError when `items` is empty.
 * @since 0.1.0
 */
export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('cannot pick from an empty list');
  return item;
}
