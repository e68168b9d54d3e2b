import { waitForCacheSync } from '@kube-cache/informer';
import { FakeApiServer } from '@kube-cache/testing';
import { demoSeed, demoSteps, secretResource } from './demo-scenario';
import type { ReplicatedObject } from './replicated-object';
import { isReplica, isSource, namespacedName, sourceAnnotation } from './replicated-object';
import type { ReplicatorInformers } from './run-replicator';
import { runReplicator } from './run-replicator';

/**
 * Where the demo writes: a terminal (redrawn in place) or any stream (plain lines).
 */
export interface DemoTerminal {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
}

/**
 * The demo's options.
 */
export interface RunDemoOptions {
  workers?: number | undefined;
  /** Stops the demo early. */
  signal: AbortSignal;
  terminal: DemoTerminal;
  /** Milliseconds between script steps (default 2000). */
  stepMilliseconds?: number | undefined;
}

const pause = (milliseconds: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, milliseconds);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * The demo's table: one row per namespace, one column per source; a cell says whether the object
 * of the source's name there is an equal copy (`copy`), a copy that differs (`stale`), not a copy
 * (`foreign`), or absent (`·`).
 *
 * @param informers - the replicator's caches.
 * @returns the table's lines.
 */
export function demoTable(informers: ReplicatorInformers): string[] {
  const all: Array<['ConfigMap' | 'Secret', ReplicatedObject]> = [
    ...informers.configMaps
      .getStore()
      .list()
      .map((object) => ['ConfigMap', object] as ['ConfigMap', ReplicatedObject]),
    ...informers.secrets
      .getStore()
      .list()
      .map((object) => ['Secret', object] as ['Secret', ReplicatedObject]),
  ];
  const sources = all.filter(([, object]) => isSource(object));
  const namespaces = informers.namespaces
    .getStore()
    .list()
    .map((namespace) => namespace.metadata?.name ?? '')
    .sort();
  const width = 22;
  const header = [
    'namespace'.padEnd(16),
    ...sources.map(([kind, source]) =>
      `${kind === 'Secret' ? 'S' : 'CM'} ${namespacedName(source)}`.padEnd(width),
    ),
  ];
  const rows = namespaces.map((namespace) => {
    const cells = sources.map(([kind, source]) => {
      if (source.metadata?.namespace === namespace) return 'source'.padEnd(width);
      const informer = kind === 'Secret' ? informers.secrets : informers.configMaps;
      const object = informer.getStore().getByKey(`${namespace}/${source.metadata?.name ?? ''}`);
      if (object === undefined) return '·'.padEnd(width);
      if (!isReplica(object)) return 'foreign'.padEnd(width);
      if (object.metadata?.annotations?.[sourceAnnotation] !== namespacedName(source))
        return 'other copy'.padEnd(width);
      const equal = JSON.stringify(object.data ?? {}) === JSON.stringify(source.data ?? {});
      return (equal ? 'copy' : 'stale').padEnd(width);
    });
    return [namespace.padEnd(16), ...cells].join(' ');
  });
  return [header.join(' '), ...rows];
}

/**
 * Runs the demo: an embedded `FakeApiServer` seeded with sources and team namespaces, the whole
 * replicator against it over real HTTP, and a scripted scenario (edits, deleted and edited
 * copies, a new namespace, changed and removed annotations, a deleted source) with a live view
 * of the copies. Ends after the script (or when `signal` aborts), draining the queue.
 *
 * @param options - workers, signal, terminal.
 */
export async function runDemo(options: RunDemoOptions): Promise<void> {
  const server = await FakeApiServer.start({ resources: [secretResource] });
  await server.seed(demoSeed());
  const { terminal } = options;
  const live = terminal.isTTY === true;
  const changes: string[] = [];
  let step = 'initial sync';
  let informers: ReplicatorInformers | undefined;
  let drawnLines = 0;
  const draw = (): void => {
    if (!live || informers === undefined) return;
    const lines = [
      '\u001b[1mkube-cache replicator demo\u001b[0m (embedded fake API server; Ctrl-C stops)',
      `step: ${step}`,
      '',
      ...demoTable(informers),
      '',
      'recent changes:',
      ...changes.slice(-10).map((line) => `  ${line}`),
    ];
    const up = drawnLines > 0 ? `\u001b[${drawnLines}A` : '';
    terminal.write(`${up}${lines.map((line) => `${line}\u001b[K\n`).join('')}\u001b[J`);
    drawnLines = lines.length;
  };
  const log = (line: string): void => {
    changes.push(line);
    if (!live) terminal.write(`${line}\n`);
  };
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  options.signal.addEventListener('abort', onAbort, { once: true });
  const running = runReplicator({
    kubeConfig: server.kubeConfig(),
    workers: options.workers,
    log,
    signal: stop.signal,
    onInformers: (created) => {
      informers = created;
    },
  });
  const redraw = setInterval(draw, 200);
  try {
    const stepMilliseconds = options.stepMilliseconds ?? 2000;
    // The script starts once the first copies are made, so that every step acts on them.
    const created = informers;
    if (created !== undefined) {
      await waitForCacheSync(stop.signal, created.configMaps, created.secrets, created.namespaces);
    }
    await pause(stepMilliseconds, stop.signal);
    for (const next of demoSteps()) {
      if (stop.signal.aborted) break;
      step = next.title;
      if (!live) terminal.write(`--- ${step}\n`);
      next.apply(server);
      await pause(stepMilliseconds, stop.signal);
    }
    step = 'done';
  } finally {
    stop.abort();
    await running;
    clearInterval(redraw);
    draw();
    options.signal.removeEventListener('abort', onAbort);
    await server.close();
  }
}
