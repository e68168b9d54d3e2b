import { DeletedFinalStateUnknown } from '@kube-cache/indexer';
import { describe, expect, it } from 'vitest';
import { newestDelta } from './delta';
import type { Deltas } from './delta';
import { DeltaFIFO } from './delta-fifo';
import type { DeltaFifoOptions } from './delta-fifo';
import {
  knownObjects,
  popWithInitial,
  testKey,
  testObject as object,
  tombstone,
} from './fifo-test-objects.test-support';
import type { TestObject } from './fifo-test-objects.test-support';

// What only the DeltaFIFO does: the deltas of one key accumulate (a delete of an unknown key is
// dropped, two deletes collapse) and are popped together, and a relist can emit Sync instead of
// Replaced. The cases it shares with the RealFIFO are in fifo-shared.test.ts.
function fifo(options: Partial<DeltaFifoOptions<TestObject>> = {}): DeltaFIFO<TestObject> {
  return new DeltaFIFO<TestObject>({ keyFunction: testKey, ...options });
}

async function popNewestValue(queue: DeltaFIFO<TestObject>): Promise<unknown> {
  const newest = newestDelta(await queue.pop())?.object;
  return DeletedFinalStateUnknown.isInstance<TestObject>(newest)
    ? newest.object.value
    : newest?.value;
}

async function popAll(queue: DeltaFIFO<TestObject>, count: number): Promise<Deltas<TestObject>[]> {
  const popped: Deltas<TestObject>[] = [];
  for (let index = 0; index < count; index += 1) popped.push(await queue.pop());
  return popped;
}

describe('DeltaFIFO', () => {
  describe('add, update and delete', () => {
    it('should accumulate the deltas of one key and pop them together', async () => {
      const queue = fifo();
      queue.add(object('foo', 10));
      queue.update(object('foo', 12));
      queue.delete(object('foo', 15));
      expect(queue.listKeys()).toEqual(['foo']);
      expect(await queue.pop()).toEqual([
        { type: 'Added', object: object('foo', 10) },
        { type: 'Updated', object: object('foo', 12) },
        { type: 'Deleted', object: object('foo', 15) },
      ]);
      expect(queue.length).toBe(0);
      expect(queue.deltasFor('foo')).toBeUndefined();
    });

    it('should ignore the delete of an unknown, unqueued key without known objects', async () => {
      const queue = fifo();
      queue.add(object('foo', 10));
      queue.update(object('bar', 15));
      queue.add(object('qux', 17));
      queue.delete(object('qux', 18));
      queue.delete(object('baz', 20));
      const values = [];
      for (let index = 0; index < 3; index += 1) values.push(await popNewestValue(queue));
      expect(values).toEqual([10, 15, 18]);
      expect(queue.length).toBe(0);
    });

    it('should collapse two deletes, keeping the real one over a tombstone', () => {
      const queue = fifo({ knownObjects: knownObjects([object('foo', 1)]) });
      queue.delete(object('foo', 2));
      queue.delete(tombstone('foo', object('foo', 1)));
      expect(queue.deltasFor('foo')).toEqual([{ type: 'Deleted', object: object('foo', 2) }]);
      const other = fifo({ knownObjects: knownObjects([object('foo', 1)]) });
      other.delete(tombstone('foo', object('foo', 1)));
      other.delete(object('foo', 3));
      expect(other.deltasFor('foo')).toEqual([{ type: 'Deleted', object: object('foo', 3) }]);
    });
  });

  describe('ordering', () => {
    it('should keep the place of a key queued again before it was popped (line jumpers)', async () => {
      const queue = fifo();
      queue.add(object('foo', 10));
      queue.add(object('bar', 1));
      queue.add(object('foo', 11));
      queue.add(object('foo', 13));
      queue.add(object('zab', 30));
      expect(await popNewestValue(queue)).toBe(13);
      queue.add(object('foo', 14));
      expect(await popNewestValue(queue)).toBe(1);
      expect(await popNewestValue(queue)).toBe(30);
      expect(await popNewestValue(queue)).toBe(14);
    });
  });

  describe('replace', () => {
    it('should pop add then replace of one key as one item ending with the listed object', async () => {
      const queue = fifo();
      queue.add(object('foo', 10));
      queue.replace([object('foo', 15)], '0');
      expect(await popNewestValue(queue)).toBe(15);
      expect(queue.length).toBe(0);
    });

    it('should emit Replaced, or Sync when emitDeltaTypeReplaced is false', async () => {
      const replacing = fifo({ knownObjects: knownObjects([object('foo', 5)]) });
      replacing.replace([object('foo', 5)], '0');
      expect(await replacing.pop()).toEqual([{ type: 'Replaced', object: object('foo', 5) }]);
      const syncing = fifo({
        knownObjects: knownObjects([object('foo', 5)]),
        emitDeltaTypeReplaced: false,
      });
      syncing.replace([object('foo', 5)], '0');
      expect(await syncing.pop()).toEqual([{ type: 'Sync', object: object('foo', 5) }]);
    });

    const known = (): DeltaFIFO<TestObject> =>
      fifo({
        knownObjects: knownObjects([object('foo', 5), object('bar', 6), object('baz', 7)]),
        emitDeltaTypeReplaced: false,
      });

    it('should make deletions starting from a queued delete', async () => {
      const queue = known();
      queue.delete(object('baz', 10));
      queue.replace([object('foo', 5)], '0');
      expect(await popAll(queue, 3)).toEqual([
        [{ type: 'Deleted', object: object('baz', 10) }],
        [{ type: 'Sync', object: object('foo', 5) }],
        [{ type: 'Deleted', object: tombstone('bar', object('bar', 6)) }],
      ]);
    });

    it('should make deletions starting from a queued add', async () => {
      const queue = known();
      queue.add(object('baz', 10));
      queue.replace([object('foo', 5)], '0');
      expect(await popAll(queue, 3)).toEqual([
        [
          { type: 'Added', object: object('baz', 10) },
          { type: 'Deleted', object: tombstone('baz', object('baz', 10)) },
        ],
        [{ type: 'Sync', object: object('foo', 5) }],
        [{ type: 'Deleted', object: tombstone('bar', object('bar', 6)) }],
      ]);
    });

    it('should make deletions with the newest queued state of a deleted and recreated object', async () => {
      const queue = known();
      queue.delete(object('bar', 6));
      queue.add(object('bar', 100));
      queue.replace([object('foo', 5)], '0');
      expect(await popAll(queue, 3)).toEqual([
        [
          { type: 'Deleted', object: object('bar', 6) },
          { type: 'Added', object: object('bar', 100) },
          { type: 'Deleted', object: tombstone('bar', object('bar', 100)) },
        ],
        [{ type: 'Sync', object: object('foo', 5) }],
        [{ type: 'Deleted', object: tombstone('baz', object('baz', 7)) }],
      ]);
    });

    it('should make deletions with the latest synced state', async () => {
      const queue = known();
      queue.replace([object('bar', 100), object('foo', 5)], '0');
      queue.replace([object('foo', 5)], '0');
      expect(await popAll(queue, 3)).toEqual([
        [
          { type: 'Sync', object: object('bar', 100) },
          { type: 'Deleted', object: tombstone('bar', object('bar', 100)) },
        ],
        [
          { type: 'Sync', object: object('foo', 5) },
          { type: 'Sync', object: object('foo', 5) },
        ],
        [{ type: 'Deleted', object: tombstone('baz', object('baz', 7)) }],
      ]);
    });

    it('should make deletions without known objects', async () => {
      const queue = fifo({ emitDeltaTypeReplaced: false });
      queue.add(object('baz', 10));
      queue.replace([object('foo', 5)], '0');
      expect(await popAll(queue, 2)).toEqual([
        [
          { type: 'Added', object: object('baz', 10) },
          { type: 'Deleted', object: tombstone('baz', object('baz', 10)) },
        ],
        [{ type: 'Sync', object: object('foo', 5) }],
      ]);
    });

    it('should make deletions with Replaced deltas when emitting Replaced', async () => {
      const queue = fifo({
        knownObjects: knownObjects([object('foo', 5), object('bar', 6), object('baz', 7)]),
      });
      queue.delete(object('baz', 10));
      queue.replace([object('foo', 5)], '0');
      expect(await popAll(queue, 3)).toEqual([
        [{ type: 'Deleted', object: object('baz', 10) }],
        [{ type: 'Replaced', object: object('foo', 5) }],
        [{ type: 'Deleted', object: tombstone('bar', object('bar', 6)) }],
      ]);
    });

    it('should unwrap a queued tombstone instead of nesting it', () => {
      const queue = fifo();
      queue.add(object('foo', 1));
      queue.delete(tombstone('foo', object('foo', 1)));
      queue.replace([], '0');
      const deltas = queue.deltasFor('foo') ?? [];
      expect(deltas.at(-1)).toEqual({
        type: 'Deleted',
        object: tombstone('foo', object('foo', 1)),
      });
    });
  });

  describe('hasSynced', () => {
    it('should be true after a replace listing one key twice, popped once', async () => {
      const queue = fifo();
      queue.replace([object('a', 1), object('a', 2)], '0');
      await queue.pop();
      expect(queue.hasSynced()).toBe(true);
    });

    it('should count initial-list tombstones and mark every initial item', async () => {
      const queue = fifo({
        knownObjects: knownObjects([object('foo', 5), object('bar', 6), object('baz', 7)]),
        emitDeltaTypeReplaced: false,
      });
      queue.replace([object('foo', 5)], '0');
      const expected: Deltas<TestObject>[] = [
        [{ type: 'Sync', object: object('foo', 5) }],
        [{ type: 'Deleted', object: tombstone('bar', object('bar', 6)) }],
        [{ type: 'Deleted', object: tombstone('baz', object('baz', 7)) }],
      ];
      for (const deltas of expected) {
        expect(queue.hasSynced()).toBe(false);
        const popped = await popWithInitial(queue);
        expect(popped).toEqual({ deltas, isInInitialList: true });
      }
      expect(queue.hasSynced()).toBe(true);
      queue.add(object('qux', 1));
      expect((await popWithInitial(queue)).isInInitialList).toBe(false);
    });
  });
});
