import { describe, expect, it } from 'vitest';
import type { Delta } from './delta';
import {
  knownObjects,
  popWithInitial,
  testKey,
  testObject as object,
  tombstone,
} from './fifo-test-objects.test-support';
import type { TestObject } from './fifo-test-objects.test-support';
import { RealFIFO } from './real-fifo';
import type { FifoOptions } from './real-fifo';

// What only the RealFIFO does: every event is its own item, in order, never coalesced. The cases
// it shares with the DeltaFIFO are in fifo-shared.test.ts.
function fifo(options: Partial<FifoOptions<TestObject>> = {}): RealFIFO<TestObject> {
  return new RealFIFO<TestObject>({ keyFunction: testKey, ...options });
}

async function popAll(queue: RealFIFO<TestObject>): Promise<Delta<TestObject>[]> {
  const popped: Delta<TestObject>[] = [];
  while (queue.length > 0) {
    const deltas = await queue.pop();
    expect(deltas).toHaveLength(1);
    popped.push(...deltas);
  }
  return popped;
}

describe('RealFIFO', () => {
  describe('add, update and delete', () => {
    it('should keep every event in order, with no coalescing', async () => {
      const queue = fifo();
      queue.add(object('foo', 10));
      queue.update(object('foo', 12));
      queue.delete(object('foo', 15));
      expect(await popAll(queue)).toEqual([
        { type: 'Added', object: object('foo', 10) },
        { type: 'Updated', object: object('foo', 12) },
        { type: 'Deleted', object: object('foo', 15) },
      ]);
    });

    it('should queue a delete even for an unknown key', async () => {
      const queue = fifo({ knownObjects: knownObjects([]) });
      queue.add(object('foo', 10));
      queue.update(object('bar', 15));
      queue.add(object('qux', 17));
      queue.delete(object('qux', 18));
      queue.delete(object('baz', 20));
      expect(
        (await popAll(queue)).map((delta) => [delta.type, (delta.object as TestObject).value]),
      ).toEqual([
        ['Added', 10],
        ['Updated', 15],
        ['Added', 17],
        ['Deleted', 18],
        ['Deleted', 20],
      ]);
    });

    it('should not let a re-added key jump the line', async () => {
      const queue = fifo();
      queue.add(object('foo', 10));
      queue.add(object('bar', 1));
      queue.add(object('foo', 11));
      queue.add(object('foo', 13));
      queue.add(object('zab', 30));
      const values = (await popAll(queue)).map((delta) => (delta.object as TestObject).value);
      expect(values).toEqual([10, 1, 11, 13, 30]);
    });
  });

  describe('replace', () => {
    const known = (): RealFIFO<TestObject> =>
      fifo({ knownObjects: knownObjects([object('foo', 5), object('bar', 6), object('baz', 7)]) });

    it('should make deletions, queued ones first, before the replaced objects', async () => {
      const queue = known();
      queue.delete(object('baz', 10));
      queue.replace([object('foo', 5)], '0');
      expect(await popAll(queue)).toEqual([
        { type: 'Deleted', object: object('baz', 10) },
        { type: 'Deleted', object: tombstone('bar', object('bar', 6)) },
        { type: 'Replaced', object: object('foo', 5) },
      ]);
    });

    it('should make a deletion for a queued add', async () => {
      const queue = known();
      queue.add(object('baz', 10));
      queue.replace([object('foo', 5)], '0');
      expect(await popAll(queue)).toEqual([
        { type: 'Added', object: object('baz', 10) },
        { type: 'Deleted', object: tombstone('baz', object('baz', 10)) },
        { type: 'Deleted', object: tombstone('bar', object('bar', 6)) },
        { type: 'Replaced', object: object('foo', 5) },
      ]);
    });

    it('should make a deletion with the newest queued state of a recreated object', async () => {
      const queue = known();
      queue.delete(object('bar', 6));
      queue.add(object('bar', 100));
      queue.replace([object('foo', 5)], '0');
      expect(await popAll(queue)).toEqual([
        { type: 'Deleted', object: object('bar', 6) },
        { type: 'Added', object: object('bar', 100) },
        { type: 'Deleted', object: tombstone('bar', object('bar', 100)) },
        { type: 'Deleted', object: tombstone('baz', object('baz', 7)) },
        { type: 'Replaced', object: object('foo', 5) },
      ]);
    });

    it('should make deletions with the latest replaced state', async () => {
      const queue = known();
      queue.replace([object('bar', 100), object('foo', 5)], '0');
      queue.replace([object('foo', 5)], '0');
      expect(await popAll(queue)).toEqual([
        { type: 'Deleted', object: tombstone('baz', object('baz', 7)) },
        { type: 'Replaced', object: object('bar', 100) },
        { type: 'Replaced', object: object('foo', 5) },
        { type: 'Deleted', object: tombstone('bar', object('bar', 100)) },
        { type: 'Replaced', object: object('foo', 5) },
      ]);
    });
  });

  describe('hasSynced', () => {
    it('should count each listed event of a key listed twice', async () => {
      const queue = fifo();
      queue.replace([object('a', 1), object('a', 2)], '0');
      await queue.pop();
      expect(queue.hasSynced()).toBe(false);
      await queue.pop();
      expect(queue.hasSynced()).toBe(true);
    });

    it('should count tombstones of the initial list and mark initial items', async () => {
      const queue = fifo({
        knownObjects: knownObjects([object('foo', 5), object('bar', 6), object('baz', 7)]),
      });
      queue.replace([object('foo', 5)], '0');
      const expected: Delta<TestObject>[] = [
        { type: 'Deleted', object: tombstone('bar', object('bar', 6)) },
        { type: 'Deleted', object: tombstone('baz', object('baz', 7)) },
        { type: 'Replaced', object: object('foo', 5) },
      ];
      for (const delta of expected) {
        expect(queue.hasSynced()).toBe(false);
        expect(await popWithInitial(queue)).toEqual({ deltas: [delta], isInInitialList: true });
      }
      expect(queue.hasSynced()).toBe(true);
    });
  });
});
