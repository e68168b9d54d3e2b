import { DeletedFinalStateUnknown } from '@kube-cache/indexer';
import { describe, expect, it } from 'vitest';
import type { Delta } from './delta';
import { EmptyDeltasError } from '../errors/empty-deltas-error';
import {
  knownObjects,
  popWithInitial,
  testKey,
  testObject as object,
} from './fifo-test-objects.test-support';
import type { TestObject } from './fifo-test-objects.test-support';
import { QueueClosedError } from '../errors/queue-closed-error';
import { RealFIFO } from './real-fifo';
import type { FifoOptions } from './real-fifo';
import { TransformError } from '../errors/transform-error';

function fifo(options: Partial<FifoOptions<TestObject>> = {}): RealFIFO<TestObject> {
  return new RealFIFO<TestObject>({ keyFunction: testKey, ...options });
}

function tombstone(key: string, obj: TestObject | undefined): DeletedFinalStateUnknown<TestObject> {
  return new DeletedFinalStateUnknown(key, obj as TestObject);
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
    it('should keep a queued delete and then queue the replaced object', async () => {
      const queue = fifo({ knownObjects: knownObjects([object('foo', 5)]) });
      queue.delete(object('foo', 10));
      queue.replace([object('foo', 6)], '0');
      expect(await popAll(queue)).toEqual([
        { type: 'Deleted', object: object('foo', 10) },
        { type: 'Replaced', object: object('foo', 6) },
      ]);
    });

    const obj = object('foo', 2);
    const objV2 = object('foo', 3);
    const onlyInQueueCases: {
      name: string;
      operations: (queue: RealFIFO<TestObject>) => void;
      expected: Delta<TestObject>[];
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
          expect(await popAll(queue)).toEqual(testCase.expected);
        }
      });
    }

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

    it('should change nothing when a listed object has no key', () => {
      const throwingKey = (obj: TestObject): string => {
        if (obj.name === undefined) throw new Error('no name');
        return obj.name;
      };
      const queue = fifo({ keyFunction: throwingKey });
      queue.add(object('foo', 1));
      const bad = { name: undefined, value: 2 } as unknown as TestObject;
      expect(() => queue.replace([object('bar', 1), bad], '0')).toThrow('no name');
      expect(queue.queuedDeltas()).toEqual([{ type: 'Added', object: object('foo', 1) }]);
    });
  });

  describe('resync', () => {
    it('should queue Sync for a known object with nothing queued', () => {
      const queue = fifo({ knownObjects: knownObjects([object('foo', 5)]) });
      queue.resync();
      expect(queue.queuedDeltas()).toEqual([{ type: 'Sync', object: object('foo', 5) }]);
    });

    it('should not queue Sync for a key with a queued delta', async () => {
      const queue = fifo({ knownObjects: knownObjects([object('foo', 5)]) });
      queue.update(object('foo', 6));
      queue.resync();
      expect(await popAll(queue)).toEqual([{ type: 'Updated', object: object('foo', 6) }]);
      const deleting = fifo({ knownObjects: knownObjects([object('foo', 5)]) });
      deleting.delete(object('foo', 10));
      deleting.resync();
      expect(deleting.queuedDeltas().map((delta) => delta.type)).toEqual(['Deleted']);
    });

    it('should not transform synced objects', () => {
      let calls = 0;
      const queue = fifo({
        knownObjects: knownObjects([object('foo', 5)]),
        transform: (obj) => {
          calls += 1;
          return obj;
        },
      });
      queue.resync();
      expect(calls).toBe(0);
      expect(queue.length).toBe(1);
    });
  });

  describe('transform', () => {
    it('should transform each incoming object exactly once, never tombstones', async () => {
      const transformed = new Map<object, number>();
      const queue = fifo({
        transform: (obj) => {
          transformed.set(obj, (transformed.get(obj) ?? 0) + 1);
          return obj;
        },
      });
      queue.add(object('foo', 10));
      queue.add(object('bar', 11));
      queue.update(object('foo', 12));
      queue.delete(object('foo', 15));
      queue.replace([], '');
      queue.add(object('bar', 16));
      queue.replace([], '');
      expect([...transformed.values()]).toEqual([1, 1, 1, 1, 1]);
      expect((await popAll(queue)).map((delta) => delta.type)).toEqual([
        'Added',
        'Added',
        'Updated',
        'Deleted',
        'Deleted',
        'Added',
        'Deleted',
      ]);
    });

    it('should throw a TransformError and queue nothing when the transform fails', () => {
      const queue = fifo({
        transform: (obj) => {
          if (obj.value === 'bad') throw new Error('boom');
          return { ...obj, value: `${String(obj.value)}!` };
        },
      });
      queue.add(object('foo', 1));
      expect(() => queue.add(object('bar', 'bad'))).toThrow(TransformError);
      expect(() => queue.replace([object('baz', 1), object('bar', 'bad')], '0')).toThrow(
        TransformError,
      );
      expect(queue.queuedDeltas()).toEqual([{ type: 'Added', object: object('foo', '1!') }]);
    });
  });

  describe('hasSynced', () => {
    it('should follow the first replace until all of it was popped', async () => {
      const queue = fifo();
      expect(queue.hasSynced()).toBe(false);
      queue.replace([object('a', 1), object('b', 2)], '0');
      expect(queue.hasSynced()).toBe(false);
      await queue.pop();
      expect(queue.hasSynced()).toBe(false);
      await queue.pop();
      expect(queue.hasSynced()).toBe(true);
    });

    it('should be true after an add or an empty replace', () => {
      const adding = fifo();
      adding.add(object('a', 1));
      expect(adding.hasSynced()).toBe(true);
      const replacing = fifo();
      replacing.replace([], '0');
      expect(replacing.hasSynced()).toBe(true);
    });

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

  describe('pop', () => {
    it('should wait for an item added later', async () => {
      const queue = fifo();
      const popped = queue.pop();
      queue.update(object('foo', 1));
      expect(await popped).toEqual([{ type: 'Updated', object: object('foo', 1) }]);
    });

    it('should unblock every waiting pop when closed', async () => {
      const queue = fifo();
      const pops = Array.from({ length: 5 }, () => queue.pop());
      queue.close();
      const results = await Promise.allSettled(pops);
      expect(
        results.map(
          (result) => result.status === 'rejected' && QueueClosedError.isInstance(result.reason),
        ),
      ).toEqual([true, true, true, true, true]);
    });

    it('should hand out what is left before reporting closed', async () => {
      const queue = fifo();
      queue.add(object('foo', 1));
      queue.close();
      expect(await queue.pop()).toHaveLength(1);
      await expect(queue.pop()).rejects.toThrow(QueueClosedError);
    });
  });

  describe('keyOf', () => {
    it('should key by namespace/name by default', () => {
      const queue = new RealFIFO<{ metadata: { name: string; namespace?: string } }>();
      expect(queue.keyOf({ metadata: { name: 'a', namespace: 'ns' } })).toBe('ns/a');
      expect(queue.keyOf({ metadata: { name: 'node-1' } })).toBe('node-1');
    });

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
