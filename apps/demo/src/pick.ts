/**
 * Picks one element at random (with a generator such as `@kube-cache/testing`'s `seededRandom`).
 *
 * @param random - the generator.
 * @param items - a non-empty list.
 * @returns one of the items.
 * @throws RangeError when `items` is empty.
 */
export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('cannot pick from an empty list');
  return item;
}
