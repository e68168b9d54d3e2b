import { DeletedFinalStateUnknown } from '@kube-cache/indexer';
import { describe, expect, it } from 'vitest';
import { newestDelta } from './delta';
import type { Deltas } from './delta';
import { DeltaFIFO } from './delta-fifo';
import type { DeltaFifoOptions } from './delta-fifo';
import { EmptyDeltasError } from '../errors/empty-deltas-error';
import {
  knownObjects,
  popWithInitial,
  testKey,
  testObject as object,
} from './fifo-test-objects.test-support';
import type { TestObject } from './fifo-test-objects.test-support';
import { QueueClosedError } from '../errors/queue-closed-error';
import { TransformError } from '../errors/transform-error';

function fifo(options: Partial<DeltaFifoOptions<TestObject>> = {}): DeltaFIFO<TestObject> {
  return new DeltaFIFO<TestObject>({ keyFunction: testKey, ...options });
}

function tombstone(key: string, obj: TestObject | undefined): DeletedFinalStateUnknown<TestObject> {
  return new DeletedFinalStateUnknown(key, obj as TestObject);
}

async function popNewestValue(queue: DeltaFIFO<TestObject>): Promise<unknown> {
  const deltas = await queue.pop();
  const newest = newestDelta(deltas)?.object;
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
  describe('basic', () => {
    it('should hand out interleaved producers in the order each produced', async () => {
      const queue = fifo();
      const amount = 50;
      for (let index = 0; index < amount; index += 1) {
        queue.add(object(`a${index}`, index));
        queue.add(object(`b${index}`, index + 0.5));
      }
      let lastInt = -1;
      let lastFloat = -1;
      for (let index = 0; index < amount * 2; index += 1) {
        const value = (await popNewestValue(queue)) as number;
        if (Number.isInteger(value)) {
          expect(value).toBeGreaterThan(lastInt);
          lastInt = value;
        } else {
          expect(value).toBeGreaterThan(lastFloat);
          lastFloat = value;
        }
      }
      expect(queue.length).toBe(0);
    });
  });

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

    it('should queue the delete of a known key', async () => {
      const queue = fifo({
        knownObjects: knownObjects([object('foo', 5), object('bar', 6), object('baz', 7)]),
      });
      queue.add(object('foo', 10));
      queue.update(object('bar', 15));
      queue.delete(object('baz', 20));
      const values = [];
      for (let index = 0; index < 3; index += 1) values.push(await popNewestValue(queue));
      expect(values).toEqual([10, 15, 20]);
      expect(queue.length).toBe(0);
    });

    it('should queue the delete of an object only queued, not yet known', () => {
      const queue = fifo({ knownObjects: knownObjects([]) });
      queue.add(object('foo', 5));
      queue.delete(object('foo', 6));
      const deltas = queue.deltasFor('foo') ?? [];
      expect(deltas).toHaveLength(2);
      expect(deltas.at(-1)?.type).toBe('Deleted');
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

    it('should keep a queued delete before the replaced object', async () => {
      const queue = fifo({ knownObjects: knownObjects([object('foo', 5)]) });
      queue.delete(object('foo', 10));
      queue.replace([object('foo', 6)], '0');
      expect(await queue.pop()).toEqual([
        { type: 'Deleted', object: object('foo', 10) },
        { type: 'Replaced', object: object('foo', 6) },
      ]);
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

    const obj = object('foo', 2);
    const objV2 = object('foo', 3);
    const onlyInQueueCases: {
      name: string;
      operations: (queue: DeltaFIFO<TestObject>) => void;
      expected: Deltas<TestObject>;
    }[] = [
      {
        name: 'an added object is deleted on replace',
        operations: (queue) => {
          queue.add(obj);
          queue.replace([], '0');
        },
        expected: [
          { type: 'Added', object: obj },
          { type: 'Deleted', object: tombstone('foo', obj) },
        ],
      },
      {
        name: 'a replaced object gets a single delete',
        operations: (queue) => {
          queue.add(obj);
          queue.replace([obj], '0');
          queue.replace([], '0');
        },
        expected: [
          { type: 'Added', object: obj },
          { type: 'Replaced', object: obj },
          { type: 'Deleted', object: tombstone('foo', obj) },
        ],
      },
      {
        name: 'a deleted object gets a single delete',
        operations: (queue) => {
          queue.add(obj);
          queue.delete(obj);
          queue.replace([], '0');
        },
        expected: [
          { type: 'Added', object: obj },
          { type: 'Deleted', object: obj },
        ],
      },
      {
        name: 'a synced object gets a single delete',
        operations: (queue) => {
          queue.add(obj);
          queue.replace([obj], '0');
          queue.replace([obj], '0');
          queue.replace([], '0');
        },
        expected: [
          { type: 'Added', object: obj },
          { type: 'Replaced', object: obj },
          { type: 'Replaced', object: obj },
          { type: 'Deleted', object: tombstone('foo', obj) },
        ],
      },
      {
        name: 'an added object gets a single delete over several replaces',
        operations: (queue) => {
          queue.add(obj);
          queue.replace([], '0');
          queue.replace([], '1');
        },
        expected: [
          { type: 'Added', object: obj },
          { type: 'Deleted', object: tombstone('foo', obj) },
        ],
      },
      {
        name: 'an added, deleted and re-added object is deleted with its newest state',
        operations: (queue) => {
          queue.add(obj);
          queue.delete(obj);
          queue.add(objV2);
          queue.replace([], '0');
        },
        expected: [
          { type: 'Added', object: obj },
          { type: 'Deleted', object: obj },
          { type: 'Added', object: objV2 },
          { type: 'Deleted', object: tombstone('foo', objV2) },
        ],
      },
    ];
    for (const testCase of onlyInQueueCases) {
      it(`should make deletions for objects only in the queue: ${testCase.name}`, async () => {
        for (const queue of [fifo({ knownObjects: knownObjects([]) }), fifo()]) {
          testCase.operations(queue);
          expect(await queue.pop()).toEqual(testCase.expected);
          expect(queue.length).toBe(0);
        }
      });
    }

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

    it('should change nothing when a listed object has no key', () => {
      const queue = fifo();
      queue.add(object('foo', 1));
      const bad = { name: undefined, value: 2 } as unknown as TestObject;
      const throwingKey = (obj: TestObject): string => {
        if (obj.name === undefined) throw new Error('no name');
        return obj.name;
      };
      const strict = fifo({ keyFunction: throwingKey });
      strict.add(object('foo', 1));
      expect(() => strict.replace([object('bar', 1), bad], '0')).toThrow('no name');
      expect(strict.listKeys()).toEqual(['foo']);
      expect(strict.hasSynced()).toBe(true);
    });
  });

  describe('resync', () => {
    it('should queue Sync for a known object with nothing queued', () => {
      const queue = fifo({ knownObjects: knownObjects([object('foo', 5)]) });
      queue.resync();
      expect(queue.deltasFor('foo')).toEqual([{ type: 'Sync', object: object('foo', 5) }]);
    });

    it('should not queue Sync for a key that has a delete queued', () => {
      const queue = fifo({ knownObjects: knownObjects([object('foo', 5)]) });
      queue.delete(object('foo', 10));
      queue.resync();
      const deltas = queue.deltasFor('foo') ?? [];
      expect(deltas).toHaveLength(1);
      expect(deltas[0]?.type).toBe('Deleted');
    });

    it('should not overwrite a queued update with a stale resync (update/resync race)', async () => {
      const queue = fifo({ knownObjects: knownObjects([object('foo', 5)]) });
      queue.update(object('foo', 6));
      queue.resync();
      expect(await queue.pop()).toEqual([{ type: 'Updated', object: object('foo', 6) }]);
      expect(queue.length).toBe(0);
    });

    it('should do nothing without known objects', () => {
      const queue = fifo();
      queue.resync();
      expect(queue.length).toBe(0);
    });
  });

  describe('transform', () => {
    it('should transform each object exactly once on its way in', async () => {
      const transformed = new Map<object, number>();
      const queue = fifo({
        transform: (obj) => {
          transformed.set(obj, (transformed.get(obj) ?? 0) + 1);
          return obj;
        },
      });
      const foo10 = object('foo', 10);
      const bar11 = object('bar', 11);
      const foo12 = object('foo', 12);
      const foo15 = object('foo', 15);
      const bar16 = object('bar', 16);
      queue.add(foo10);
      queue.add(bar11);
      queue.update(foo12);
      queue.delete(foo15);
      queue.replace([], '');
      queue.add(bar16);
      queue.replace([], '');
      expect(queue.listKeys()).toEqual(['foo', 'bar']);
      expect([...transformed.values()]).toEqual([1, 1, 1, 1, 1]);
      expect((await queue.pop()).map((delta) => delta.type)).toEqual([
        'Added',
        'Updated',
        'Deleted',
      ]);
      expect((await queue.pop()).map((delta) => delta.type)).toEqual([
        'Added',
        'Deleted',
        'Added',
        'Deleted',
      ]);
    });

    it('should store what the transform returns', async () => {
      const queue = fifo({ transform: (obj) => ({ ...obj, value: 'slim' }) });
      queue.add(object('foo', 'fat'));
      expect(await queue.pop()).toEqual([{ type: 'Added', object: object('foo', 'slim') }]);
    });

    it('should throw a TransformError and queue nothing when the transform fails', () => {
      const queue = fifo({
        transform: (obj) => {
          if (obj.value === 'bad') throw new Error('boom');
          return obj;
        },
      });
      queue.add(object('foo', 1));
      expect(() => queue.add(object('bar', 'bad'))).toThrow(TransformError);
      expect(() => queue.replace([object('baz', 1), object('bar', 'bad')], '0')).toThrow(
        TransformError,
      );
      expect(queue.listKeys()).toEqual(['foo']);
      try {
        queue.update(object('qux', 'bad'));
      } catch (error) {
        expect(TransformError.isInstance(error) && error.key).toBe('qux');
        expect((error as Error).cause).toEqual(new Error('boom'));
      }
      expect.assertions(5);
    });
  });

  describe('hasSynced', () => {
    const cases: {
      name: string;
      actions: ((queue: DeltaFIFO<TestObject>) => unknown)[];
      synced: boolean;
    }[] = [
      { name: 'nothing happened', actions: [], synced: false },
      { name: 'an add', actions: [(queue) => queue.add(object('a', 1))], synced: true },
      { name: 'an empty replace', actions: [(queue) => queue.replace([], '0')], synced: true },
      {
        name: 'a replace not popped',
        actions: [(queue) => queue.replace([object('a', 1), object('b', 2)], '0')],
        synced: false,
      },
      {
        name: 'a replace half popped',
        actions: [
          (queue) => queue.replace([object('a', 1), object('b', 2)], '0'),
          (queue) => queue.pop(),
        ],
        synced: false,
      },
      {
        name: 'a replace fully popped',
        actions: [
          (queue) => queue.replace([object('a', 1), object('b', 2)], '0'),
          (queue) => queue.pop(),
          (queue) => queue.pop(),
        ],
        synced: true,
      },
      {
        name: 'a replace listing one key twice, popped once',
        actions: [
          (queue) => queue.replace([object('a', 1), object('a', 2)], '0'),
          (queue) => queue.pop(),
        ],
        synced: true,
      },
    ];
    for (const testCase of cases) {
      it(`should be ${testCase.synced} after ${testCase.name}`, async () => {
        const queue = fifo();
        for (const action of testCase.actions) await action(queue);
        expect(queue.hasSynced()).toBe(testCase.synced);
      });
    }

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

    it('should stay unsynced until the processing of the last initial item has finished', async () => {
      const queue = fifo();
      queue.replace([object('a', 1)], '0');
      const seen: boolean[] = [];
      await queue.pop(async () => {
        seen.push(queue.hasSynced());
        await Promise.resolve();
        seen.push(queue.hasSynced());
      });
      expect(seen).toEqual([false, false]);
      expect(queue.hasSynced()).toBe(true);
    });
  });

  describe('pop', () => {
    it('should wait for an item added later', async () => {
      const queue = fifo();
      const popped = queue.pop();
      queue.add(object('foo', 1));
      expect(await popped).toEqual([{ type: 'Added', object: object('foo', 1) }]);
    });

    it('should unblock every waiting pop when closed', async () => {
      const queue = fifo();
      const pops = Array.from({ length: 5 }, () => queue.pop());
      queue.close();
      const results = await Promise.allSettled(pops);
      expect(results.every((result) => result.status === 'rejected')).toBe(true);
      for (const result of results) {
        if (result.status === 'rejected')
          expect(QueueClosedError.isInstance(result.reason)).toBe(true);
      }
      expect(queue.isClosed()).toBe(true);
    });

    it('should hand out what is left before reporting closed', async () => {
      const queue = fifo();
      queue.add(object('foo', 1));
      queue.close();
      expect(await queue.pop()).toHaveLength(1);
      await expect(queue.pop()).rejects.toThrow(QueueClosedError);
    });

    it('should reject with the process error and not requeue the item', async () => {
      const queue = fifo();
      queue.add(object('foo', 1));
      await expect(
        queue.pop(() => {
          throw new Error('handler failed');
        }),
      ).rejects.toThrow('handler failed');
      expect(queue.length).toBe(0);
    });
  });

  describe('keyOf', () => {
    it('should key objects, tombstones and delta lists', () => {
      const queue = fifo();
      expect(queue.keyOf(object('A', 1))).toBe('A');
      expect(queue.keyOf(tombstone('B', undefined))).toBe('B');
      expect(queue.keyOf([{ type: 'Added', object: object('C', 1) }])).toBe('C');
      expect(queue.keyOf([{ type: 'Deleted', object: tombstone('D', undefined) }])).toBe('D');
      expect(() => queue.keyOf([])).toThrow(EmptyDeltasError);
    });
  });
});
