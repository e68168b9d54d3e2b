// The cost of the mutation detector (`detectMutations`, issue 10 item 8): a SharedIndexInformer with
// a namespace index and one handler, fed in-process (no HTTP, no copies by a fake), with the
// detector off and on. Measures the initial list (list -> cache -> every onAdd delivered), a burst
// of watch updates (MODIFIED -> cache -> every onUpdate delivered), namespaced lister reads and
// label-selector scans.
// Each round builds fresh objects outside the timed part (a frozen object is never walked again).
//
//   node --expose-gc --conditions=@kube-cache/source --import tsx packages/informer/bench/mutation-detector.ts [pods] [rounds]
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { metaNamespaceIndexFunc, NAMESPACE_INDEX } from '@kube-cache/indexer';
import type { KubeObject, ListerWatcher, WatchEvent } from '@kube-cache/indexer';
import { generatePods } from '@kube-cache/testing';
import { Lister, SharedIndexInformer } from '../src/index';

const podCount = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 5);
const listReads = 200;
const scanReads = 20;

interface Timings {
  list: number;
  watch: number;
  reads: number;
  scans: number;
}

/** A ListerWatcher that hands out prepared objects, and pushes prepared events on demand. */
function preparedSource(
  items: KubeObject[],
  updates: KubeObject[],
): { listerWatcher: ListerWatcher<KubeObject>; release: () => void } {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let watches = 0;
  const listerWatcher: ListerWatcher<KubeObject> = {
    list: () => Promise.resolve({ items, resourceVersion: '1' }),
    watch: (_options, signal) => {
      watches += 1;
      const first = watches === 1;
      async function* events(): AsyncGenerator<WatchEvent<KubeObject>> {
        if (first) {
          await released;
          for (const object of updates) yield { type: 'MODIFIED', object };
        }
        await new Promise<void>((resolve) => {
          if (signal.aborted) resolve();
          signal.addEventListener('abort', () => resolve(), { once: true });
        });
      }
      return Promise.resolve(events());
    },
  };
  return { listerWatcher, release: () => release() };
}

/** Resolves once `done()` answers true, checking after each turn of the event loop. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
}

function freshPods(round: number): { items: KubeObject[]; updates: KubeObject[] } {
  const items = generatePods({ count: podCount, namespaces: 20, seed: round + 1 }) as KubeObject[];
  const updates = (
    generatePods({ count: podCount, namespaces: 20, seed: round + 1 }) as KubeObject[]
  ).map((pod, index) => ({
    ...pod,
    metadata: { ...pod.metadata, resourceVersion: String(podCount + index + 2) },
  }));
  for (const [index, pod] of items.entries()) {
    pod.metadata = { ...pod.metadata, resourceVersion: String(index + 2) };
  }
  return { items, updates };
}

async function measure(detectMutations: boolean, round: number): Promise<Timings> {
  const { items, updates } = freshPods(round);
  const { listerWatcher, release } = preparedSource(items, updates);
  const informer = new SharedIndexInformer<KubeObject>({
    listerWatcher,
    detectMutations,
    indexers: { [NAMESPACE_INDEX]: metaNamespaceIndexFunc },
  });
  let adds = 0;
  let updated = 0;
  informer.addEventHandler({
    onAdd: () => {
      adds += 1;
    },
    onUpdate: () => {
      updated += 1;
    },
  });
  const controller = new AbortController();
  const started = performance.now();
  const running = informer.run(controller.signal);
  await until(() => adds === podCount);
  const listed = performance.now();
  release();
  await until(() => updated === podCount);
  const watched = performance.now();
  const lister = new Lister(informer.getIndexer());
  // Collect the garbage of the watch burst first (with --expose-gc), so the reads pay no GC debt.
  (globalThis as { gc?: () => void }).gc?.();
  const readStart = performance.now();
  let read = 0;
  for (let index = 0; index < listReads; index += 1) {
    read += lister.namespaced(`namespace-${index % 20}`).list().length;
  }
  const readDone = performance.now();
  for (let index = 0; index < scanReads; index += 1) {
    read += lister.list(`app=app-${index % 20}`).length;
  }
  const scanDone = performance.now();
  if (read === 0) throw new Error('the lister read nothing');
  controller.abort();
  await running;
  return {
    list: listed - started,
    watch: watched - listed,
    reads: readDone - readStart,
    scans: scanDone - readDone,
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function main(): Promise<void> {
  const results: Record<'off' | 'on', Timings[]> = { off: [], on: [] };
  await measure(false, 0); // warm-up: JIT, module loading
  await measure(true, 0);
  for (let round = 1; round <= rounds; round += 1) {
    // Interleaved, so machine noise hits both sides alike.
    results.off.push(await measure(false, round));
    results.on.push(await measure(true, round));
  }
  const row = (name: string, pick: (timings: Timings) => number, perSecond: boolean): void => {
    const off = median(results.off.map(pick));
    const on = median(results.on.map(pick));
    const format = (milliseconds: number): string =>
      perSecond
        ? `${Math.round((podCount / milliseconds) * 1000).toLocaleString('en-US')} /s`
        : `${milliseconds.toFixed(1)} ms`;
    console.log(`| ${name} | ${format(off)} | ${format(on)} | ${(on / off).toFixed(2)}x time |`);
  };
  console.log(
    `mutation detector: ${podCount.toLocaleString('en-US')} pods, median of ${rounds} rounds, ` +
      `Node ${process.version}, ${cpus().length} CPUs, load ${loadavg()[0]?.toFixed(2) ?? '?'}`,
  );
  console.log('| phase | detector off | detector on | cost |');
  console.log('| --- | --- | --- | --- |');
  row('initial list -> cache -> onAdd (objects/s)', (timings) => timings.list, true);
  row('watch MODIFIED -> cache -> onUpdate (events/s)', (timings) => timings.watch, true);
  row(
    `${listReads} namespaced lister reads, index buckets (ms)`,
    (timings) => timings.reads,
    false,
  );
  row(
    `${scanReads} label-selector scans of the whole cache (ms)`,
    (timings) => timings.scans,
    false,
  );
}

await main();
