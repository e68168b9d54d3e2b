// The workqueue benchmark (issue 12): add/get/done throughput of kube-cache's Queue against a naive
// Array + Set queue in the same run, with 1, 4 and 64 async workers, 1,000,000 adds over 10,000
// distinct keys; then addAfter with 100,000 pending items on one timer.
// Run: pnpm --filter @kube-cache/workqueue bench [--rounds N] [--items N] [--workers 1,4,64]
// [--no-throughput] [--no-delayed]
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
const workersIndex = process.argv.indexOf('--workers');
const workerCounts =
  workersIndex === -1 ? [1, 4, 64] : (process.argv[workersIndex + 1] ?? '').split(',').map(Number);
const skipDelayed = process.argv.includes('--no-delayed');
const skipThroughput = process.argv.includes('--no-throughput');
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

const pendingCount = 100_000;
// Deterministic spread of delays over 1 ms .. 2 s (a multiplicative hash of the index).
const delays = Array.from(
  { length: pendingCount },
  (_, index) => 1 + ((index * 2_654_435_761) % 2_000),
);

interface DelayedResult {
  scheduleMilliseconds: number;
  heapBytesPerItem: number;
  mostLive: number;
  armedWhileScheduling: number;
  armedTotal: number;
  allReadyMilliseconds: number;
}

/** kube-cache: addAfter of every item on one DelayingQueue, then wait until all are ready. */
async function delayedKubeCache(): Promise<DelayedResult> {
  const clock = countingClock();
  const queue = new DelayingQueue({ clock });
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  for (let index = 0; index < pendingCount; index += 1) {
    queue.addAfter(`item-${index}`, delays[index] as number);
  }
  const scheduleMilliseconds = performance.now() - started;
  const heapBytesPerItem = (process.memoryUsage().heapUsed - heapBefore) / pendingCount;
  const armedWhileScheduling = clock.armed;
  while (queue.len() < pendingCount) await new Promise((resolve) => setTimeout(resolve, 20));
  const allReadyMilliseconds = performance.now() - started;
  queue.shutDown();
  return {
    scheduleMilliseconds,
    heapBytesPerItem,
    mostLive: clock.mostLive,
    armedWhileScheduling,
    armedTotal: clock.armed,
    allReadyMilliseconds,
  };
}

/** The hand-written way: one setTimeout per item into the naive queue. */
async function delayedNaive(): Promise<DelayedResult> {
  const naive = new NaiveQueue();
  let ready = 0;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  for (let index = 0; index < pendingCount; index += 1) {
    const item = `item-${index}`;
    setTimeout(() => {
      naive.add(item);
      ready += 1;
    }, delays[index]);
  }
  const scheduleMilliseconds = performance.now() - started;
  const heapBytesPerItem = (process.memoryUsage().heapUsed - heapBefore) / pendingCount;
  while (ready < pendingCount) await new Promise((resolve) => setTimeout(resolve, 20));
  const allReadyMilliseconds = performance.now() - started;
  naive.shutDown();
  return {
    scheduleMilliseconds,
    heapBytesPerItem,
    mostLive: pendingCount,
    armedWhileScheduling: pendingCount,
    armedTotal: pendingCount,
    allReadyMilliseconds,
  };
}

async function delayed(): Promise<void> {
  const delayedRounds = 3;
  const results: Record<'kube' | 'naive', DelayedResult[]> = { kube: [], naive: [] };
  for (let round = 0; round <= delayedRounds; round += 1) {
    const order = round % 2 === 0 ? (['kube', 'naive'] as const) : (['naive', 'kube'] as const);
    for (const subject of order) {
      const result = subject === 'kube' ? await delayedKubeCache() : await delayedNaive();
      if (round > 0) results[subject].push(result);
    }
  }
  console.log(
    `\naddAfter, ${pendingCount.toLocaleString('en')} pending items (delays 1 ms .. 2 s), median of ${delayedRounds} rounds (+1 warm-up)`,
  );
  console.log(
    'subject                       | schedule all | heap per pending item | timers live at once | timers armed (scheduling / total) | all ready after',
  );
  for (const [subject, label] of [
    ['kube', 'kube-cache DelayingQueue'],
    ['naive', 'naive, a setTimeout per item'],
  ] as const) {
    const rows = results[subject];
    const pick = (field: keyof DelayedResult): number => median(rows.map((row) => row[field]));
    console.log(
      `${label.padEnd(29)} | ${pick('scheduleMilliseconds').toFixed(0).padStart(9)} ms | ${pick('heapBytesPerItem').toFixed(0).padStart(18)} B | ` +
        `${String(pick('mostLive')).padStart(19)} | ${`${pick('armedWhileScheduling')} / ${pick('armedTotal')}`.padStart(33)} | ${pick('allReadyMilliseconds').toFixed(0)} ms`,
    );
  }
  console.log(
    '(heap includes the key strings; "all ready" is polled every 20 ms from the first add: longest delay 2000 ms)',
  );
}

async function main(): Promise<void> {
  console.log(
    `workqueue bench: node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, ` +
      `${itemCount.toLocaleString('en')} adds over ${keyCount.toLocaleString('en')} keys, ${rounds} rounds (+1 warm-up)`,
  );
  console.log(
    '\nworkers | kube-cache Queue (best) | naive Array+Set (best) | ratio of bests | median ratio within a round | processed (kube-cache / naive)',
  );
  for (const workers of skipThroughput ? [] : workerCounts) {
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
    // Best of the rounds: on a shared machine the noise only ever adds time.
    const kubeBest = Math.min(...kubeTimes);
    const naiveBest = Math.min(...naiveTimes);
    console.log(
      `${String(workers).padStart(7)} | ${(kubeBest * 1000).toFixed(0).padStart(6)} ms ${rate(kubeBest)} | ` +
        `${(naiveBest * 1000).toFixed(0).padStart(6)} ms ${rate(naiveBest)} | ${(kubeBest / naiveBest).toFixed(2)}x | ` +
        `${median(ratios).toFixed(2)}x | ${processed}`,
    );
  }
  if (!skipDelayed) await delayed();
}

await main();
