import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelayHeap } from './delay-heap';

describe('DelayHeap', () => {
  it('should pop one entry per key, at its earliest time, in time order then insertion order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 50 }))),
        (inserts) => {
          const heap = new DelayHeap<string>();
          const earliest = new Map<number, { readyAt: number; first: number }>();
          inserts.forEach(([key, readyAt], position) => {
            heap.insert(key, `item-${key}-${position}`, readyAt);
            const known = earliest.get(key);
            earliest.set(key, {
              readyAt: Math.min(readyAt, known?.readyAt ?? readyAt),
              first: known?.first ?? position,
            });
          });
          const expected = [...earliest.entries()]
            .sort(([, left], [, right]) => left.readyAt - right.readyAt || left.first - right.first)
            .map(([key, { readyAt }]) => [key, readyAt]);
          const popped: [unknown, number][] = [];
          expect(heap.size).toBe(earliest.size);
          for (let entry = heap.pop(); entry !== undefined; entry = heap.pop()) {
            popped.push([entry.key, entry.readyAt]);
          }
          expect(popped).toEqual(expected);
        },
      ),
    );
  });

  it('should keep the newest item for a key', () => {
    const heap = new DelayHeap<string>();
    heap.insert('k', 'old', 10);
    heap.insert('k', 'new', 20);
    expect(heap.pop()).toMatchObject({ key: 'k', item: 'new', readyAt: 10 });
    expect(heap.pop()).toBeUndefined();
  });
});
