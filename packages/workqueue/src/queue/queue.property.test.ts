import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DelayingQueue } from './delaying-queue';

type Operation =
  | { type: 'add'; key: string }
  | { type: 'addAfter'; key: string; milliseconds: number }
  | { type: 'advance'; milliseconds: number }
  | { type: 'shutDown' | 'shutDownWithDrain' };

const keys = ['a', 'b', 'c', 'd', 'e'];
const key = fc.constantFrom(...keys);
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ type: fc.constant('add' as const), key }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('addAfter' as const),
      key,
      milliseconds: fc.integer({ min: -5, max: 40 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('advance' as const),
      milliseconds: fc.integer({ min: 0, max: 15 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constantFrom('shutDown' as const, 'shutDownWithDrain' as const),
    }),
  },
);
/** What a worker does with one item: how long it works, and whether it adds the item again. */
const work = fc.record({
  milliseconds: fc.integer({ min: 0, max: 12 }),
  addAgain: fc.boolean(),
});

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('DelayingQueue (property)', () => {
  it('should never hand one key to two workers, lose no item added before shutdown, and drain every held item', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(operation, { maxLength: 40 }),
        fc.array(work, { minLength: 1, maxLength: 10 }),
        fc.constantFrom('shutDown' as const, 'shutDownWithDrain' as const),
        async (workerCount, operations, works, finalShutdown) => {
          const queue = new DelayingQueue();
          const now = (): number => performance.now();
          let sequence = 0;
          // Every add that must lead to a later start of its key: after `sequence`, at or after `at`.
          const owed: { key: string; sequence: number; at: number }[] = [];
          const starts: { key: string; sequence: number; at: number }[] = [];
          const finished = new Set<number>();
          const active = new Set<string>();
          // The model of the pending delayed entries: key -> ready time (earliest wins).
          const pending = new Map<string, { readyAt: number; records: { at: number }[] }>();
          let workIndex = 0;
          let readds = 0;
          let shutdownAt: number | undefined;
          let shutdownClock = Number.POSITIVE_INFINITY;
          const drainChecks: Promise<void>[] = [];
          let drainForced = false;

          const worker = async (): Promise<void> => {
            for (;;) {
              const result = await queue.get();
              if (result.shutdown) return;
              const item = result.item;
              expect(active.has(item)).toBe(false);
              active.add(item);
              const start = { key: item, sequence: (sequence += 1), at: now() };
              starts.push(start);
              const plan = works[workIndex++ % works.length] as (typeof works)[number];
              if (plan.milliseconds > 0) {
                await new Promise((resolve) => setTimeout(resolve, plan.milliseconds));
              }
              // Bounded, or a worker that always adds its item again never lets the test end.
              if (plan.addAgain && readds < 20 && !queue.shuttingDown()) {
                readds += 1;
                owed.push({ key: item, sequence: (sequence += 1), at: now() });
                queue.add(item);
              }
              active.delete(item);
              finished.add(start.sequence);
              queue.done(item);
            }
          };
          const workers = Array.from({ length: workerCount }, worker);

          const shutDown = (style: 'shutDown' | 'shutDownWithDrain'): void => {
            if (shutdownAt === undefined) {
              shutdownAt = sequence += 1;
              shutdownClock = now();
            }
            if (style === 'shutDown') {
              // A later shutDown() ends a pending drain without waiting.
              drainForced = true;
              queue.shutDown();
              return;
            }
            // Drain waits for every item held when it was called.
            const held = starts.filter((start) => !finished.has(start.sequence));
            drainChecks.push(
              queue.shutDownWithDrain().then(() => {
                if (drainForced) return;
                for (const start of held) expect(finished.has(start.sequence)).toBe(true);
              }),
            );
          };

          for (const step of operations) {
            for (const [pendingKey, entry] of pending) {
              if (entry.readyAt <= now()) pending.delete(pendingKey);
            }
            const shuttingDown = shutdownAt !== undefined;
            switch (step.type) {
              case 'add':
                if (!shuttingDown)
                  owed.push({ key: step.key, sequence: (sequence += 1), at: now() });
                queue.add(step.key);
                break;
              case 'addAfter': {
                if (!shuttingDown) {
                  const record = {
                    key: step.key,
                    sequence: (sequence += 1),
                    at: now() + Math.max(0, step.milliseconds),
                  };
                  owed.push(record);
                  if (step.milliseconds > 0) {
                    // One entry per key: the earliest time wins for every add merged into it.
                    const entry = pending.get(step.key) ?? { readyAt: record.at, records: [] };
                    entry.readyAt = Math.min(entry.readyAt, record.at);
                    entry.records.push(record);
                    for (const merged of entry.records) merged.at = entry.readyAt;
                    pending.set(step.key, entry);
                  }
                }
                queue.addAfter(step.key, step.milliseconds);
                break;
              }
              case 'advance':
                await vi.advanceTimersByTimeAsync(step.milliseconds);
                break;
              default:
                shutDown(step.type);
            }
          }
          if (shutdownAt === undefined) {
            // Let every delayed item fire first, so that nothing added is dropped by shutdown.
            await vi.advanceTimersByTimeAsync(100);
          }
          shutDown(finalShutdown);
          await vi.advanceTimersByTimeAsync(1_000);
          await Promise.all(workers);
          await Promise.all(drainChecks);

          for (const add of owed) {
            // A delayed add still pending at shutdown is dropped, as in client-go.
            if (add.at > shutdownClock) continue;
            const served = starts.some(
              (start) =>
                start.key === add.key && start.sequence > add.sequence && start.at >= add.at,
            );
            expect(served, `add of ${add.key} at ${add.sequence} was lost`).toBe(true);
          }
          expect(active.size).toBe(0);
          expect(queue.len()).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });
});
