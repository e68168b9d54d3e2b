import { ApiStatusError } from '@kube-cache/indexer';
import type { KubeObject } from '@kube-cache/indexer';
import { createListWatch } from '@kube-cache/reflector';
import type { KubeConfigLike } from '@kube-cache/reflector';
import { explainError } from './explain-error';
import type { ErrorContext } from './explain-error';
import { compileIndexExpression } from './index-expression';
import type { IndexExpression } from './index-expression';
import { checkIndexExpression } from './index-expression-check';
import { buildIndexReport, formatIndexJson, formatIndexTable } from './index-report';
import { KUBE_INDEX_USAGE, parseKubeIndexOptions } from './kube-index-options';
import type { KubeIndexOptions } from './kube-index-options';
import { KubeIndexError } from './kube-index-error';
import { kubeGetJson } from './kube-get-json';
import { loadKubeConfig } from './load-kube-config';
import { resolveResource } from './resolve-resource';
import { ResourceInformer } from './resource-informer';

/**
 * kube-index's streams, environment and stop signal.
 */
export interface KubeIndexIo {
  stdout: { write(text: string): unknown; isTTY?: boolean | undefined };
  stderr: { write(text: string): unknown };
  environment: NodeJS.ProcessEnv;
  /** Ends `--watch` (Ctrl-C), or any wait. */
  signal: AbortSignal;
  /** A KubeConfig to use instead of loading one (tests). */
  kubeConfig?: (KubeConfigLike & { getCurrentContext(): string }) | undefined;
}

/** How long `--watch` waits after a change before printing, so a burst prints once. */
const WATCH_DEBOUNCE_MILLISECONDS = 300;

/**
 * Runs kube-index: resolves the resource through discovery, syncs it through an informer with
 * the `--index-by` index, prints the index, and with `--watch` prints it again on every change
 * until `io.signal` aborts.
 *
 * @param argv - the command line after the program name.
 * @param io - streams, environment and stop signal.
 * @returns the exit code: 0 on success, 1 for cluster and access errors, 2 for usage errors.
 * @example
 * ```ts
 * process.exitCode = await runKubeIndex(['pods', '--index-by', 'spec.nodeName'], { stdout, stderr, environment: process.env, signal });
 * ```
 */
export async function runKubeIndex(argv: readonly string[], io: KubeIndexIo): Promise<number> {
  let context: ErrorContext = { server: '?', contextName: undefined };
  try {
    const options = parseKubeIndexOptions(argv);
    if (options === 'help') {
      io.stdout.write(KUBE_INDEX_USAGE);
      return 0;
    }
    const expression = compileIndexExpression(options.indexBy);
    const kubeConfig =
      io.kubeConfig ?? (await loadKubeConfig({ ...options, environment: io.environment }));
    context = {
      server: kubeConfig.getCurrentCluster()?.server ?? '?',
      contextName: kubeConfig.getCurrentContext(),
      namespace: options.namespace,
    };
    const resource = await resolveResource(options.resource, (path) =>
      kubeGetJson(kubeConfig, path, io.signal),
    );
    const group = resource.apiVersion.includes('/')
      ? (resource.apiVersion.split('/')[0] ?? '')
      : '';
    const namespace = resource.namespaced ? options.namespace : undefined;
    context = { ...context, namespace, resource: { plural: resource.plural, group } };
    const listerWatcher = createListWatch<KubeObject>(
      kubeConfig,
      { apiVersion: resource.apiVersion, plural: resource.plural, kind: resource.kind, namespace },
      { labelSelector: options.selector },
    );
    // One small list first: a missing permission or an unreachable server is reported at once
    // instead of being retried with backoff by the informer.
    context = { ...context, verb: 'list' };
    await listerWatcher.list({ limit: 1 }, io.signal);
    context = { ...context, verb: 'watch' };
    return await syncAndPrint(options, io, {
      listerWatcher,
      expression,
      objectType: { apiVersion: resource.apiVersion, kind: resource.kind },
      about: {
        resource: group === '' ? resource.plural : `${resource.plural}.${group}`,
        indexBy: expression.description,
      },
      context,
    });
  } catch (error) {
    if (io.signal.aborted && !KubeIndexError.isInstance(error)) return 0;
    const explained = explainError(error, context);
    io.stderr.write(`${explained.message}\n`);
    return explained.exitCode;
  }
}

async function syncAndPrint(
  options: KubeIndexOptions,
  io: KubeIndexIo,
  setup: {
    listerWatcher: ReturnType<typeof createListWatch<KubeObject>>;
    expression: IndexExpression;
    objectType: { apiVersion: string; kind: string };
    about: { resource: string; indexBy: string };
    context: ErrorContext;
  },
): Promise<number> {
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  io.signal.addEventListener('abort', onAbort, { once: true });
  const failure: { fatal?: Error } = {};
  let lastWarning = '';
  // Set from the error handler and checked after awaits.
  const throwIfFatal = (): void => {
    if (failure.fatal !== undefined) throw failure.fatal;
  };
  const informer = new ResourceInformer({
    listerWatcher: setup.listerWatcher,
    indexValues: setup.expression.values,
    objectType: setup.objectType,
    onError: (error) => {
      // Lost access is final; anything else the informer retries with backoff.
      if (
        ApiStatusError.isInstance(error) &&
        (error.code === 401 || error.code === 403) &&
        failure.fatal === undefined
      ) {
        failure.fatal = error;
        stop.abort();
      } else if (!stop.signal.aborted) {
        // Say so once per distinct problem; the informer retries by itself.
        const message = `${explainError(error, setup.context).message} (retrying)`;
        if (message !== lastWarning) io.stderr.write(`${message}\n`);
        lastWarning = message;
      }
    },
  });
  const print = (): void => {
    const report = buildIndexReport(informer.indexSource(), {
      ...setup.about,
      resourceVersion: informer.lastSyncResourceVersion(),
    });
    if (options.output === 'json') {
      io.stdout.write(`${formatIndexJson(report)}\n`);
      return;
    }
    const table = formatIndexTable(report, options.maxKeys).join('\n');
    // In a terminal --watch redraws the screen; elsewhere each update is appended.
    if (options.watch && io.stdout.isTTY === true) io.stdout.write(`\u001b[H\u001b[2J${table}\n`);
    else io.stdout.write(`${table}\n${options.watch ? '\n' : ''}`);
  };
  const running = informer.run(stop.signal);
  try {
    await waitForSync(informer, stop.signal);
    throwIfFatal();
    if (stop.signal.aborted) return 0;
    // After the sync the objects show whether the expression selects values at all.
    const check = checkIndexExpression(
      setup.expression,
      options.indexBy,
      informer.objects(),
      setup.about.resource,
    );
    if (check.error !== undefined) throw new KubeIndexError(check.error, { exitCode: 2 });
    if (check.warning !== undefined) io.stderr.write(`${check.warning}\n`);
    print();
    if (!options.watch) return 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    informer.onChange(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        print();
      }, WATCH_DEBOUNCE_MILLISECONDS);
    });
    await new Promise<void>((resolve) =>
      stop.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
    clearTimeout(timer);
    throwIfFatal();
    return 0;
  } finally {
    stop.abort();
    io.signal.removeEventListener('abort', onAbort);
    await running;
  }
}

async function waitForSync(informer: ResourceInformer, signal: AbortSignal): Promise<void> {
  while (!informer.hasSynced() && !signal.aborted) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 50);
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
