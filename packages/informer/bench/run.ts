// The informer benchmark: events per second from the API server to a handler, and retained heap
// per cached object, for kube-cache's SharedIndexInformer and @kubernetes/client-node's
// makeInformer, on the same FakeApiServer streams. Run: pnpm --filter @kube-cache/informer bench
// (BENCH_OBJECTS=10000 for a quick run).
import os from 'node:os';
import { FakeApiServer, generatePods } from '@kube-cache/testing';
import { clientNodeContender } from './client-node-contender';
import type { Contender } from './contender';
import { kubeCacheContender } from './kube-cache-contender';

const objectCount = Number(process.env.BENCH_OBJECTS ?? 100_000);
// Rounds per contender; the median of each figure is reported (this machine is shared and noisy).
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

interface Result {
  name: string;
  listSeconds: number;
  watchSeconds: number;
  heapBytesPerObject: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function heapUsed(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

/** A counting handler with a promise that resolves at `target` adds. */
function counter(target: number): {
  onAdd: () => void;
  reached: Promise<void>;
  count: () => number;
} {
  let count = 0;
  let resolve: () => void = () => undefined;
  const reached = new Promise<void>((done) => {
    resolve = done;
  });
  return {
    onAdd: () => {
      count += 1;
      if (count === target) resolve();
    },
    reached,
    count: () => count,
  };
}

async function measure(contender: Contender, count: number): Promise<Result> {
  const pods = generatePods({ count, namespaces: 100, nodes: 1_000 });

  // List path: the objects exist before the informer starts.
  const listServer = await FakeApiServer.start();
  await listServer.seed(pods);
  const listed = counter(count);
  let started = performance.now();
  await contender.start(listServer.kubeConfig(), listed.onAdd);
  await listed.reached;
  const listSeconds = (performance.now() - started) / 1000;
  await contender.stop();
  await listServer.close();

  // Watch path: the informer is synced on an empty server, then every object arrives as ADDED.
  const watchServer = await FakeApiServer.start();
  const watched = counter(count);
  await contender.start(watchServer.kubeConfig(), watched.onAdd);
  await watchServer.seed(pods);
  started = performance.now();
  await watched.reached;
  const watchSeconds = (performance.now() - started) / 1000;

  // Retained heap: with the cache full, then after the informer is stopped and dropped.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const full = heapUsed();
  await contender.stop();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const empty = heapUsed();
  await watchServer.close();
  return {
    name: contender.name,
    listSeconds,
    watchSeconds,
    heapBytesPerObject: (full - empty) / count,
  };
}

const only = process.env.BENCH_ONLY; // 'real', 'delta' or 'client-node': one contender only
const contenders = [
  ...(only === undefined || only === 'real' ? [kubeCacheContender('real')] : []),
  ...(only === undefined || only === 'delta' ? [kubeCacheContender('delta')] : []),
  ...(only === undefined || only === 'client-node' ? [clientNodeContender()] : []),
];
const results: Result[] = [];
for (const contender of contenders) {
  console.error(`warming up ${contender.name}...`);
  await measure(contender, 2_000);
  const measured: Result[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    console.error(
      `running ${contender.name} with ${objectCount} pods (round ${round}/${rounds})...`,
    );
    measured.push(await measure(contender, objectCount));
  }
  results.push({
    name: contender.name,
    listSeconds: median(measured.map((result) => result.listSeconds)),
    watchSeconds: median(measured.map((result) => result.watchSeconds)),
    heapBytesPerObject: median(measured.map((result) => result.heapBytesPerObject)),
  });
}

const rate = (seconds: number): string => Math.round(objectCount / seconds).toLocaleString('en-US');
console.log(
  `\nInformer benchmark: ${objectCount.toLocaleString('en-US')} pods, median of ${rounds} rounds, Node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} CPUs, load average ${(os.loadavg()[0] ?? 0).toFixed(1)}\n`,
);
console.log(
  '| informer | list → handler (events/s) | watch → handler (events/s) | retained heap per cached object |',
);
console.log('|---|---:|---:|---:|');
for (const result of results) {
  console.log(
    `| ${result.name} | ${rate(result.listSeconds)} (${result.listSeconds.toFixed(2)} s) | ${rate(result.watchSeconds)} (${result.watchSeconds.toFixed(2)} s) | ${Math.round(result.heapBytesPerObject).toLocaleString('en-US')} B |`,
  );
}
