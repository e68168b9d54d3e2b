// One worker process of the wire benchmark: runs one contender once (a small warm-up, then the
// list path and the watch path at full size) and sends its figures to the bench. A fresh process
// per run keeps one contender's garbage and JIT state out of the next one's figures.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
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

/** Profiles `work` with V8's sampling profiler into `<profileDirectory>/<contender>-<path>.cpuprofile`. */
async function profiled<T>(path: string, work: () => Promise<T>): Promise<T> {
  if (orders.profileDirectory === undefined) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    const file = join(
      orders.profileDirectory,
      `${orders.contender}-${path}-${Date.now()}.cpuprofile`,
    );
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

async function measure(
  path: 'list' | 'watch',
  count: number,
  profile = false,
): Promise<PathResult> {
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
  const cpuStarted = process.cpuUsage();
  // Generous: a stuck contender fails the run instead of hanging the bench.
  const limit = setTimeout(() => {
    console.error(`${contender.name}: ${added} of ${count} adds after 10 minutes`);
    process.exit(1);
  }, 600_000);
  const work = async (): Promise<void> => {
    await contender.start(measurementTarget, onAdd);
    await done;
  };
  await (profile ? profiled(path, work) : work());
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  clearTimeout(limit);
  await settle();
  const full = heapUsed();
  await contender.stop();
  await settle();
  const empty = heapUsed();
  return {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    heapBytesPerObject: (full - empty) / count,
  };
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
  const list = await measure('list', orders.pods, true);
  const watch = await measure('watch', orders.pods, true);
  await send({ type: 'result', name: contender.name, list, watch });
}
process.exit(0);
