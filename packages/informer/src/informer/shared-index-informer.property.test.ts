import { FakeListerWatcher } from '@kube-cache/testing';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pod, recordingHandler } from './informer-test-support.test-support';
import type { TestPod } from './informer-test-support.test-support';
import { SharedIndexInformer } from './shared-index-informer';

type Operation =
  | { type: 'add' | 'modify' | 'delete'; name: string }
  | { type: 'drop' }
  | { type: 'outage'; changes: { type: 'add' | 'modify' | 'delete'; name: string }[] }
  | { type: 'settle' };

const names = ['a', 'b', 'c', 'd', 'e'];
const change = fc.record({
  type: fc.constantFrom('add' as const, 'modify' as const, 'delete' as const),
  name: fc.constantFrom(...names),
});
const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constantFrom('add' as const, 'modify' as const, 'delete' as const),
      name: fc.constantFrom(...names),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'drop' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('outage' as const),
      changes: fc.array(change, { maxLength: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ type: 'settle' as const }) },
);

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('SharedIndexInformer (property)', () => {
  it('should leave every handler view and the cache equal to the source after any churn, drops and compactions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...names), { maxLength: 4 }),
        fc.array(operation, { maxLength: 30 }),
        fc.constantFrom('real' as const, 'delta' as const),
        async (initial, operations, queue) => {
          const source = new FakeListerWatcher<TestPod>({
            initialObjects: [...new Set(initial)].map((name) => pod(name)),
          });
          const informer = new SharedIndexInformer<TestPod>({
            listerWatcher: source,
            queue,
            onError: () => undefined,
          });
          const early = recordingHandler();
          informer.addEventHandler(early);
          const controller = new AbortController();
          const done = informer.run(controller.signal);
          let late: ReturnType<typeof recordingHandler> | undefined;
          let revision = 0;
          const apply = (step: { type: 'add' | 'modify' | 'delete'; name: string }): void => {
            const exists = source.objects().some((object) => object.metadata?.name === step.name);
            revision += 1;
            if (step.type === 'add' && !exists) source.add(pod(step.name));
            if (step.type === 'modify' && exists)
              source.modify({ ...pod(step.name), spec: { nodeName: `node-${revision}` } });
            if (step.type === 'delete' && exists) source.delete(pod(step.name));
          };
          for (const [index, step] of operations.entries()) {
            switch (step.type) {
              case 'drop':
                source.dropWatches();
                break;
              case 'outage':
                // Changes the watch never sees: the informer must relist and tombstone.
                source.dropWatches();
                step.changes.forEach(apply);
                source.compact();
                break;
              case 'settle':
                await vi.advanceTimersByTimeAsync(50);
                break;
              default:
                apply(step);
            }
            if (index === 10) {
              late = recordingHandler();
              informer.addEventHandler(late);
            }
          }
          // Long enough for any backoff and relist to finish.
          await vi.advanceTimersByTimeAsync(120_000);
          const expected = new Map(
            source
              .objects()
              .map((object) => [
                `default/${object.metadata?.name ?? ''}`,
                object.metadata?.resourceVersion,
              ]),
          );
          const rvs = (view: Map<string, TestPod>): Map<string, string | undefined> =>
            new Map([...view].map(([key, object]) => [key, object.metadata?.resourceVersion]));
          controller.abort();
          await vi.runAllTimersAsync();
          await done;
          expect(rvs(early.view)).toEqual(expected);
          if (late !== undefined) expect(rvs(late.view)).toEqual(expected);
          const cached = new Map(
            informer
              .getStore()
              .list()
              .map((object) => [`default/${object.metadata?.name ?? ''}`, object]),
          );
          expect(rvs(cached)).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});
