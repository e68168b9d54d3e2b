/**
 * The wire benchmark (issue 9): pods per second from the wire to a handler's onAdd, on the list
 * path (one list of N pods) and the watch path (N ADDED events after an empty list), and retained
 * heap per pod, for a floor, kube-cache's Reflector and SharedIndexInformer over HTTP/2 and
 * HTTP/1.1, and @kubernetes/client-node 1.4's makeInformer.
 *
 *   pnpm --filter @kube-cache/informer bench                  # 50,000 pods, median of 3 runs
 *   pnpm --filter @kube-cache/informer bench -- --quick       # 5,000 pods, 1 run
 *   pnpm --filter @kube-cache/informer bench -- --contenders floor,informer-h2 --cpu-prof prof
 *   node --import tsx bench/cpu-profile-summary.ts prof/informer-h2-watch-*.cpuprofile
 *
 * The API server runs in its own process (wire-server.ts) and serves pre-encoded pods; every
 * contender runs in a fresh worker process (wire-client.ts) per run, in a rotating order. Not a
 * test: nothing here gates CI.
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { contenders, isContenderId } from './contenders';
import { formatReport, mergeReports } from './report';
import type { ContenderReport, WireBenchReport } from './report';
import type { WorkerMessage, WorkerOrders } from './wire-messages';
import { startWireServer, typeScriptExecArgv } from './wire-server-process';
import type { WireServer } from './wire-server-process';

const { values: args } = parseArgs({
  // pnpm passes a literal `--` through to the script.
  args: process.argv.slice(2).filter((argument) => argument !== '--'),
  options: {
    quick: { type: 'boolean', default: false },
    pods: { type: 'string' },
    runs: { type: 'string' },
    'warm-up': { type: 'string' },
    contenders: { type: 'string', default: Object.keys(contenders).join(',') },
    json: { type: 'string' },
    print: { type: 'string' },
    'cpu-prof': { type: 'string' },
    'watch-framing': { type: 'string', default: 'batch' },
  },
});
if (args.print !== undefined) {
  // Several saved runs (a,b,...) of the same commit print as one, with all their runs pooled.
  const saved = args.print
    .split(',')
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as WireBenchReport);
  console.log(formatReport(saved.reduce(mergeReports)));
  process.exit(0);
}
const pods = Number(args.pods ?? (args.quick ? 5_000 : 50_000));
const runs = Number(args.runs ?? (args.quick ? 1 : 3));
const warmUpPods = Number(args['warm-up'] ?? (args.quick ? 500 : 2_000));
const profileDirectory = args['cpu-prof'] === undefined ? undefined : resolve(args['cpu-prof']);
if (profileDirectory !== undefined) mkdirSync(profileDirectory, { recursive: true });
const framing = args['watch-framing'];
if (framing !== 'event' && framing !== 'batch') {
  throw new Error(`--watch-framing must be event or batch, not ${framing}`);
}
const ids = args.contenders.split(',').filter((id) => id !== '');
for (const id of ids) {
  if (!isContenderId(id)) {
    throw new Error(`unknown contender ${id}; known: ${Object.keys(contenders).join(', ')}`);
  }
}

/** The commit measured: BENCH_COMMIT (for a copy outside git), else git's, `-dirty` if edited. */
function commit(): string {
  if (process.env.BENCH_COMMIT !== undefined) return process.env.BENCH_COMMIT;
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

function runWorker(server: WireServer, id: string): Promise<WorkerMessage> {
  const orders: WorkerOrders = {
    contender: id,
    pods,
    warmUpPods,
    tlsPort: server.tlsPort,
    plainPort: server.plainPort,
    certificateAuthorityFile: server.certificateAuthorityFile,
    profileDirectory: profileDirectory,
  };
  const worker = fork(
    new URL('wire-client.ts', import.meta.url).pathname,
    [JSON.stringify(orders)],
    {
      execArgv: ['--expose-gc', ...typeScriptExecArgv()],
    },
  );
  return new Promise((resolvePromise, reject) => {
    let message: WorkerMessage | undefined;
    worker.on('message', (received: WorkerMessage) => {
      message = received;
    });
    worker.once('exit', (code) => {
      if (message !== undefined) resolvePromise(message);
      else reject(new Error(`the worker for ${id} exited with code ${code} and no result`));
    });
  });
}

const loadAverageAtStart = loadavg();
process.stderr.write(`starting the server with ${pods.toLocaleString('en-US')} pods...\n`);
const server = await startWireServer(Math.max(pods, warmUpPods), framing);
const stopServer = (): void => server.close();
process.once('SIGINT', () => {
  stopServer();
  process.exit(130);
});
const reports = new Map<string, ContenderReport>(
  ids.map((id) => [id, { id, name: id, runs: [], connections: [] }]),
);
try {
  for (let run = 0; run < runs; run += 1) {
    // A rotating order, so that no contender always runs first (or right after the server start).
    const order = ids.map((_, index) => ids[(index + run) % ids.length] ?? '');
    for (const id of order) {
      const report = reports.get(id);
      if (report === undefined || report.unavailable !== undefined) continue;
      process.stderr.write(`run ${run + 1}/${runs}: ${id}...`);
      await server.stats();
      const message = await runWorker(server, id);
      const stats = await server.stats();
      report.name = message.name;
      if (message.type === 'unavailable') {
        report.unavailable = message.reason;
        process.stderr.write(` not run: ${message.reason}\n`);
        continue;
      }
      report.runs.push({ list: message.list, watch: message.watch, requests: stats.requests });
      report.connections.push(stats.connections);
      process.stderr.write(
        ` list ${message.list.seconds.toFixed(2)} s (CPU ${message.list.cpuSeconds.toFixed(2)} s), watch ${message.watch.seconds.toFixed(2)} s (CPU ${message.watch.cpuSeconds.toFixed(2)} s), ${Object.keys(stats.connections).join(', ')}\n`,
      );
    }
  }
} finally {
  stopServer();
}

const report: WireBenchReport = {
  environment: {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    loadAverageAtStart,
    loadAverageAtEnd: loadavg(),
    commit: commit(),
  },
  pods,
  bytesPerPod: server.bytesPerPod,
  framing: server.framing,
  runs,
  warmUpPods,
  contenders: [...reports.values()],
};
if (args.json !== undefined) writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\n${formatReport(report)}`);
