import { DeletedFinalStateUnknown } from '@kube-cache/indexer';
import { describe, expect, it } from 'vitest';
import { EmptyDeltasError } from '../errors/empty-deltas-error';
import { QueueClosedError } from '../errors/queue-closed-error';
import { TransformError } from '../errors/transform-error';
import { newestDelta } from './delta';
import type { Delta, Deltas } from './delta';
import { fifoKinds } from './fifo-kinds.test-support';
import type { FifoUnderTest } from './fifo-kinds.test-support';
import {
  knownObjects,
  testKey,
  testObject as object,
  tombstone,
} from './fifo-test-objects.test-support';
import type { TestObject } from './fifo-test-objects.test-support';
import type { FifoOptions } from './real-fifo';

// The cases RealFIFO and DeltaFIFO share (client-go's real_fifo_test.go and delta_fifo_test.go
// overlap here), run once over each queue. What only one of them does stays in real-fifo.test.ts
// and delta-fifo.test.ts.
describe.each(fifoKinds.map((kind) => [kind.name, kind] as const))(
  '%s (shared cases)',
  (_name, kind) => {
    function fifo(options: FifoOptions<TestObject> = {}): FifoUnderTest<TestObject> {
      return kind.create<TestObject>({ keyFunction: testKey, ...options });
    }

    /** Pops until the queue is empty: the items, in the order `pop` handed them out. */
    async function drain(queue: FifoUnderTest<TestObject>): Promise<Deltas<TestObject>[]> {
      const popped: Deltas<TestObject>[] = [];
      while (queue.length > 0) popped.push(await queue.pop());
      return popped;
    }

    async function popNewestValue(queue: FifoUnderTest<TestObject>): Promise<unknown> {
      const newest = newestDelta(await queue.pop())?.object;
      return DeletedFinalStateUnknown.isInstance<TestObject>(newest)
        ? newest.object.value
        : newest?.value;
    }

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
        const deltas = kind.queued(queue);
        expect(deltas).toHaveLength(2);
        expect(deltas.at(-1)?.type).toBe('Deleted');
      });
    });

    describe('replace', () => {
      it('should keep a queued delete and then queue the replaced object', async () => {
        const queue = fifo({ knownObjects: knownObjects([object('foo', 5)]) });
        queue.delete(object('foo', 10));
        queue.replace([object('foo', 6)], '0');
        expect(await drain(queue)).toEqual(
          kind.pops(queue, [
            { type: 'Deleted', object: object('foo', 10) },
            { type: 'Replaced', object: object('foo', 6) },
          ]),
        );
      });

      const item = object('foo', 2);
      const itemV2 = object('foo', 3);
      const onlyInQueueCases: {
        name: string;
        operations: (queue: FifoUnderTest<TestObject>) => void;
        expected: Delta<TestObject>[];
      }[] = [
        {
          name: 'an added object is deleted on replace',
          operations: (queue) => {
            queue.add(item);
            queue.replace([], '0');
          },
          expected: [
            { type: 'Added', object: item },
            { type: 'Deleted', object: tombstone('foo', item) },
          ],
        },
        {
          name: 'a replaced object gets a single delete',
          operations: (queue) => {
            queue.add(item);
            queue.replace([item], '0');
            queue.replace([], '0');
          },
          expected: [
            { type: 'Added', object: item },
            { type: 'Replaced', object: item },
            { type: 'Deleted', object: tombstone('foo', item) },
          ],
        },
        {
          name: 'a deleted object gets a single delete',
          operations: (queue) => {
            queue.add(item);
            queue.delete(item);
            queue.replace([], '0');
          },
          expected: [
            { type: 'Added', object: item },
            { type: 'Deleted', object: item },
          ],
        },
        {
          name: 'a synced object gets a single delete',
          operations: (queue) => {
            queue.add(item);
            queue.replace([item], '0');
            queue.replace([item], '0');
            queue.replace([], '0');
          },
          expected: [
            { type: 'Added', object: item },
            { type: 'Replaced', object: item },
            { type: 'Replaced', object: item },
            { type: 'Deleted', object: tombstone('foo', item) },
          ],
        },
        {
          name: 'an added object gets a single delete over several replaces',
          operations: (queue) => {
            queue.add(item);
            queue.replace([], '0');
            queue.replace([], '1');
          },
          expected: [
            { type: 'Added', object: item },
            { type: 'Deleted', object: tombstone('foo', item) },
          ],
        },
        {
          name: 'an added, deleted and re-added object is deleted with its newest state',
          operations: (queue) => {
            queue.add(item);
            queue.delete(item);
            queue.add(itemV2);
            queue.replace([], '0');
          },
          expected: [
            { type: 'Added', object: item },
            { type: 'Deleted', object: item },
            { type: 'Added', object: itemV2 },
            { type: 'Deleted', object: tombstone('foo', itemV2) },
          ],
        },
      ];
      for (const testCase of onlyInQueueCases) {
        it(`should make deletions for objects only in the queue: ${testCase.name}`, async () => {
          for (const queue of [fifo({ knownObjects: knownObjects([]) }), fifo()]) {
            testCase.operations(queue);
            expect(await drain(queue)).toEqual(kind.pops(queue, testCase.expected));
          }
        });
      }

      it('should change nothing when a listed object has no key', () => {
        const throwingKey = (value: TestObject): string => {
          if (value.name === undefined) throw new Error('no name');
          return value.name;
        };
        const queue = fifo({ keyFunction: throwingKey });
        queue.add(object('foo', 1));
        const bad = { name: undefined, value: 2 } as unknown as TestObject;
        expect(() => queue.replace([object('bar', 1), bad], '0')).toThrow('no name');
        expect(kind.queued(queue)).toEqual([{ type: 'Added', object: object('foo', 1) }]);
        expect(queue.hasSynced()).toBe(true);
      });
    });

    describe('resync', () => {
      it('should queue Sync for a known object with nothing queued', () => {
        const queue = fifo({ knownObjects: knownObjects([object('foo', 5)]) });
        queue.resync();
        expect(kind.queued(queue)).toEqual([{ type: 'Sync', object: object('foo', 5) }]);
      });

      it('should not queue Sync for a key that has a delete queued', () => {
        const queue = fifo({ knownObjects: knownObjects([object('foo', 5)]) });
        queue.delete(object('foo', 10));
        queue.resync();
        expect(kind.queued(queue).map((delta) => delta.type)).toEqual(['Deleted']);
      });

      it('should not overwrite a queued update with a stale resync (update/resync race)', async () => {
        const queue = fifo({ knownObjects: knownObjects([object('foo', 5)]) });
        queue.update(object('foo', 6));
        queue.resync();
        expect(await drain(queue)).toEqual(
          kind.pops(queue, [{ type: 'Updated', object: object('foo', 6) }]),
        );
      });

      it('should not transform synced objects', () => {
        let calls = 0;
        const queue = fifo({
          knownObjects: knownObjects([object('foo', 5)]),
          transform: (value) => {
            calls += 1;
            return value;
          },
        });
        queue.resync();
        expect(calls).toBe(0);
        expect(queue.length).toBe(1);
      });

      it('should do nothing without known objects', () => {
        const queue = fifo();
        queue.resync();
        expect(queue.length).toBe(0);
      });
    });

    describe('transform', () => {
      it('should transform each incoming object exactly once, never tombstones', async () => {
        const transformed = new Map<object, number>();
        const queue = fifo({
          transform: (value) => {
            transformed.set(value, (transformed.get(value) ?? 0) + 1);
            return value;
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
        expect([...transformed.values()]).toEqual([1, 1, 1, 1, 1]);
        expect(await drain(queue)).toEqual(
          kind.pops(queue, [
            { type: 'Added', object: foo10 },
            { type: 'Added', object: bar11 },
            { type: 'Updated', object: foo12 },
            { type: 'Deleted', object: foo15 },
            { type: 'Deleted', object: tombstone('bar', bar11) },
            { type: 'Added', object: bar16 },
            { type: 'Deleted', object: tombstone('bar', bar16) },
          ]),
        );
      });

      it('should store what the transform returns', async () => {
        const queue = fifo({ transform: (value) => ({ ...value, value: 'slim' }) });
        queue.add(object('foo', 'fat'));
        expect(await queue.pop()).toEqual([{ type: 'Added', object: object('foo', 'slim') }]);
      });

      it('should throw a TransformError and queue nothing when the transform fails', () => {
        const queue = fifo({
          transform: (value) => {
            if (value.value === 'bad') throw new Error('boom');
            return { ...value, value: `${String(value.value)}!` };
          },
        });
        queue.add(object('foo', 1));
        expect(() => queue.add(object('bar', 'bad'))).toThrow(TransformError);
        expect(() => queue.replace([object('baz', 1), object('bar', 'bad')], '0')).toThrow(
          TransformError,
        );
        expect(kind.queued(queue)).toEqual([{ type: 'Added', object: object('foo', '1!') }]);
        let caught: unknown;
        try {
          queue.update(object('qux', 'bad'));
        } catch (error) {
          caught = error;
        }
        expect(TransformError.isInstance(caught) && caught.key).toBe('qux');
        expect((caught as Error).cause).toEqual(new Error('boom'));
      });
    });

    describe('hasSynced', () => {
      const cases: {
        name: string;
        actions: ((queue: FifoUnderTest<TestObject>) => unknown)[];
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
      ];
      for (const testCase of cases) {
        it(`should be ${testCase.synced} after ${testCase.name}`, async () => {
          const queue = fifo();
          for (const action of testCase.actions) await action(queue);
          expect(queue.hasSynced()).toBe(testCase.synced);
        });
      }

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
      it('should wait for an item added (or updated) later', async () => {
        const queue = fifo();
        const added = queue.pop();
        queue.add(object('foo', 1));
        expect(await added).toEqual([{ type: 'Added', object: object('foo', 1) }]);
        const updated = queue.pop();
        queue.update(object('foo', 2));
        expect(await updated).toEqual([{ type: 'Updated', object: object('foo', 2) }]);
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
      it('should key by namespace/name by default', () => {
        const queue = kind.create<{ metadata: { name: string; namespace?: string } }>();
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
  },
);
