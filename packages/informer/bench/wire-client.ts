// One worker process of the wire benchmark: runs one contender once (a small warm-up, then the
// list path and the watch path at full size) and sends its figures to the bench. A fresh process
// per run keeps one contender's garbage and JIT state out of the next one's figures.
import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import type { WireContender, WireTarget } from './contender';
import { contenders, isContenderId } from './contenders';
import type { PathResult, WorkerMessage, WorkerOrders } from './wire-messages';

const orders = JSON.parse(process.argv[2] ?? '{}') as WorkerOrders;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
if (!isContenderId(orders.contender)) throw new Error(`no contender ${orders.contender}`);
const contender: WireContender = contenders[orders.contender]();
const certificateAuthority = readFileSync(orders.certificateAuthorityFile, 'utf8');

function target(path: 'list' | 'watch', count: number): WireTarget {
  const port = contender.scheme === 'https' ? orders.tlsPort : orders.plainPort;
  const server = `${contender.scheme}://127.0.0.1:${port}/bench/${path}/${count}`;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: 'bench',
        server,
        // client-node refuses plain http unless verification is off; with TLS it stays on.
        skipTLSVerify: contender.scheme === 'http',
        caData: Buffer.from(certificateAuthority).toString('base64'),
      },
    ],
    users: [{ name: 'bench' }],
    contexts: [{ name: 'bench', cluster: 'bench', user: 'bench' }],
    currentContext: 'bench',
  });
  return {
    server,
    certificateAuthority: contender.scheme === 'https' ? certificateAuthority : undefined,
    kubeConfig,
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 100));

function heapUsed(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

async function measure(path: 'list' | 'watch', count: number): Promise<PathResult> {
  let added = 0;
  let reached: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const onAdd = (): void => {
    added += 1;
    if (added === count) reached();
  };
  const measurementTarget = target(path, count);
  await settle();
  heapUsed();
  const started = performance.now();
  await contender.start(measurementTarget, onAdd);
  // Generous: a stuck contender fails the run instead of hanging the bench.
  const limit = setTimeout(() => {
    console.error(`${contender.name}: ${added} of ${count} adds after 10 minutes`);
    process.exit(1);
  }, 600_000);
  await done;
  const seconds = (performance.now() - started) / 1000;
  clearTimeout(limit);
  await settle();
  const full = heapUsed();
  await contender.stop();
  await settle();
  const empty = heapUsed();
  return { seconds, heapBytesPerObject: (full - empty) / count };
}

const send = (message: WorkerMessage): Promise<void> =>
  new Promise((resolve) => process.send?.(message, () => resolve()) ?? resolve());

const reason = await contender.unavailable();
if (reason !== undefined) {
  await send({ type: 'unavailable', name: contender.name, reason });
} else {
  if (orders.warmUpPods > 0) {
    await measure('list', orders.warmUpPods);
    await measure('watch', orders.warmUpPods);
  }
  const list = await measure('list', orders.pods);
  const watch = await measure('watch', orders.pods);
  await send({ type: 'result', name: contender.name, list, watch });
}
process.exit(0);
