// The workqueue benchmark (issue 12): add/get/done throughput of kube-cache's Queue against a naive
// Array + Set queue in the same run, with 1, 4 and 64 async workers, 1,000,000 adds over 10,000
// distinct keys; then addAfter with 100,000 pending items on one timer.
// Run: pnpm --filter @kube-cache/workqueue bench [--rounds N] [--items N]
import os from 'node:os';
import { DelayingQueue, Queue, realClock } from '@kube-cache/workqueue';
import type { WorkqueueClock } from '@kube-cache/workqueue';
import { NaiveQueue } from './naive-queue';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

const rounds = option('rounds', 5);
const itemCount = option('items', 1_000_000);
const keyCount = 10_000;
// Adds between two macrotask yields of the producer, so that workers run between batches.
const batchSize = 1_000;
const workerCounts = [1, 4, 64];
const gc = (globalThis as { gc?: () => void }).gc;

interface QueueLike {
  add(item: string): void;
  get(): Promise<{ item?: string | undefined; shutdown: boolean }>;
  done(item: string): void;
  shutDown(): void;
}

const keys = Array.from(
  { length: keyCount },
  (_, index) => `namespace-${index % 100}/object-${index}`,
);
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs the workload; returns seconds and the number of items handed to workers. */
async function throughput(
  queue: QueueLike,
  workers: number,
): Promise<{ seconds: number; processed: number }> {
  gc?.();
  let processed = 0;
  const started = performance.now();
  const running = Array.from({ length: workers }, async () => {
    for (;;) {
      const result = await queue.get();
      if (result.shutdown) return;
      processed += 1;
      queue.done(result.item as string);
    }
  });
  for (let index = 0; index < itemCount; index += 1) {
    queue.add(keys[index % keyCount] as string);
    if (index % batchSize === batchSize - 1) await yieldToEventLoop();
  }
  queue.shutDown();
  await Promise.all(running);
  return { seconds: (performance.now() - started) / 1000, processed };
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** A real clock that counts the timers armed and live. */
function countingClock(): WorkqueueClock & { armed: number; mostLive: number } {
  const live = new Set<unknown>();
  const clock = {
    armed: 0,
    mostLive: 0,
    now: () => realClock.now(),
    setTimeout: (callback: () => void, milliseconds: number): unknown => {
      clock.armed += 1;
      const handle: unknown = realClock.setTimeout(() => {
        live.delete(handle);
        callback();
      }, milliseconds);
      live.add(handle);
      clock.mostLive = Math.max(clock.mostLive, live.size);
      return handle;
    },
    clearTimeout: (handle: unknown): void => {
      live.delete(handle);
      realClock.clearTimeout(handle);
    },
  };
  return clock;
}

async function delayed(): Promise<void> {
  const pendingCount = 100_000;
  const clock = countingClock();
  const queue = new DelayingQueue({ clock });
  // Deterministic spread of delays over 1 ms .. 2 s (a multiplicative hash of the index).
  const delays = Array.from(
    { length: pendingCount },
    (_, index) => 1 + ((index * 2_654_435_761) % 2_000),
  );
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let started = performance.now();
  for (let index = 0; index < pendingCount; index += 1) {
    queue.addAfter(`item-${index}`, delays[index] as number);
  }
  const scheduleMilliseconds = performance.now() - started;
  const heapBytesPerItem = (process.memoryUsage().heapUsed - heapBefore) / pendingCount;
  const armedWhileScheduling = clock.armed;
  started = performance.now();
  while (queue.len() < pendingCount) await new Promise((resolve) => setTimeout(resolve, 50));
  const lateMilliseconds = performance.now() - started - 2_000;
  queue.shutDown();

  // The hand-written way: one setTimeout per item into the naive queue.
  const naive = new NaiveQueue();
  gc?.();
  const naiveHeapBefore = process.memoryUsage().heapUsed;
  started = performance.now();
  for (let index = 0; index < pendingCount; index += 1) {
    const item = `item-${index}`;
    setTimeout(() => naive.add(item), delays[index]);
  }
  const naiveScheduleMilliseconds = performance.now() - started;
  const naiveHeapBytesPerItem = (process.memoryUsage().heapUsed - naiveHeapBefore) / pendingCount;
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  naive.shutDown();

  console.log(
    `\naddAfter, ${pendingCount.toLocaleString('en')} pending items (delays 1 ms .. 2 s)`,
  );
  console.log(
    `  naive, a setTimeout per item: schedule ${naiveScheduleMilliseconds.toFixed(1)} ms, ` +
      `~${naiveHeapBytesPerItem.toFixed(0)} B per item, ${pendingCount.toLocaleString('en')} timers live`,
  );
  console.log('  kube-cache DelayingQueue:');
  console.log(`    schedule all:           ${scheduleMilliseconds.toFixed(1)} ms`);
  console.log(
    `    heap while pending:     ~${heapBytesPerItem.toFixed(0)} B per item (key strings included)`,
  );
  console.log(`    timers live at once:    ${clock.mostLive}`);
  console.log(
    `    timers armed (schedule):${armedWhileScheduling} (re-armed when an earlier item arrives)`,
  );
  console.log(`    timers armed (total):   ${clock.armed}`);
  console.log(
    `    last item ready after:  ${(2_000 + lateMilliseconds).toFixed(0)} ms (its delay: <= 2000 ms)`,
  );
}

async function main(): Promise<void> {
  console.log(
    `workqueue bench: node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, ` +
      `${itemCount.toLocaleString('en')} adds over ${keyCount.toLocaleString('en')} keys, ${rounds} rounds (+1 warm-up)`,
  );
  console.log(
    '\nworkers | kube-cache Queue | naive Array+Set | ratio (median of rounds) | processed (kube-cache / naive)',
  );
  for (const workers of workerCounts) {
    const kubeTimes: number[] = [];
    const naiveTimes: number[] = [];
    const ratios: number[] = [];
    let processed = '';
    for (let round = 0; round <= rounds; round += 1) {
      // Alternate which queue runs first, so neither always gets the warmer or the cooler slot.
      const order = round % 2 === 0 ? (['kube', 'naive'] as const) : (['naive', 'kube'] as const);
      const results: Record<string, { seconds: number; processed: number }> = {};
      for (const subject of order) {
        results[subject] = await throughput(
          subject === 'kube' ? new Queue() : new NaiveQueue(),
          workers,
        );
      }
      const kube = results.kube as { seconds: number; processed: number };
      const naive = results.naive as { seconds: number; processed: number };
      if (round === 0) continue;
      kubeTimes.push(kube.seconds);
      naiveTimes.push(naive.seconds);
      ratios.push(kube.seconds / naive.seconds);
      processed = `${kube.processed.toLocaleString('en')} / ${naive.processed.toLocaleString('en')}`;
    }
    const rate = (seconds: number): string => `${(itemCount / seconds / 1e6).toFixed(2)} M adds/s`;
    console.log(
      `${String(workers).padStart(7)} | ${(median(kubeTimes) * 1000).toFixed(0).padStart(6)} ms ${rate(median(kubeTimes))} | ` +
        `${(median(naiveTimes) * 1000).toFixed(0).padStart(6)} ms ${rate(median(naiveTimes))} | ${median(ratios).toFixed(2)}x | ${processed}`,
    );
  }
  await delayed();
}

await main();
