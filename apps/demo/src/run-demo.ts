import { ApiStatusError } from '@kube-cache/indexer';
import { createListWatch } from '@kube-cache/reflector';
import { abortableDelay, waitFor } from './abortable-delay';
import { ChurnDriver } from './churn-driver';
import { describeComparison } from './compare-states';
import type { DemoOptions } from './demo-options';
import { JsonOutput, LiveOutput } from './demo-output';
import type { DemoOutput } from './demo-output';
import type { DemoSnapshot, InjectedFault } from './demo-snapshot';
import { openDemoSource } from './demo-source';
import { EventRate } from './event-rate';
import { FaultSchedule, planFaults } from './fault-schedule';
import type { TerminalLike } from './live-view';
import { PodInformer } from './pod-informer';
import type { Pod } from './pod-informer';
import { describeError, ReflectorStatus } from './reflector-status';
import { seededRandom } from '@kube-cache/testing';
import { topCounts } from './top-counts';
import { listServerState, verifyCache } from './verify-cache';

/**
 * The demo's streams and its interrupt (Ctrl-C).
 */
export interface DemoIo {
  stdout: TerminalLike & { isTTY?: boolean | undefined };
  /** Aborts when the user asks to stop: the live phase ends early and verification follows. */
  interrupt: AbortSignal;
}

/** How long the cache may take to catch up with the server after churn and faults stop. */
const CONVERGENCE_TIMEOUT_MILLISECONDS = 30_000;

/**
 * Runs the demo: opens the source, syncs a pod informer, churns and injects faults for the
 * duration, then verifies the cache against the server.
 *
 * @param options - the parsed command line.
 * @param io - output streams and the interrupt signal.
 * @returns the exit code: 0 when the cache matches the server, 1 when it does not or the run
 *   failed, 130 when interrupted before the initial sync.
 * @example
 * ```ts
 * process.exitCode = await runDemo(parseDemoOptions(process.argv.slice(2)), { stdout: process.stdout, interrupt });
 * ```
 */
export async function runDemo(options: DemoOptions, io: DemoIo): Promise<number> {
  const startedAt = performance.now();
  const output: DemoOutput =
    options.json || io.stdout.isTTY !== true
      ? new JsonOutput(io.stdout)
      : new LiveOutput(io.stdout);
  const source = await openDemoSource(options);
  const stop = new AbortController();
  const listerWatcher = createListWatch<Pod>(source.kubeConfig, {
    apiVersion: 'v1',
    plural: 'pods',
    kind: 'Pod',
  });
  const informer = new PodInformer(listerWatcher);

  const reflector = new ReflectorStatus();
  const rate = new EventRate();
  const events = { adds: 0, updates: 0, deletes: 0 };
  const faults: InjectedFault[] = [];
  let phase: DemoSnapshot['phase'] = 'syncing';
  let liveStartedAt = 0;
  informer.onChange((change) => {
    rate.record();
    if (change === 'add') events.adds += 1;
    else if (change === 'update') events.updates += 1;
    else events.deletes += 1;
  });
  // Lost access is final for the initial sync; anything else the informer retries.
  const denied = new AbortController();
  let deniedMessage = '';
  informer.subscribeReflector((event) => {
    reflector.apply(event);
    if (phase === 'syncing' && event.type === 'error') {
      const message = describeError(event.error);
      output.record({ type: 'error', message });
      if (
        ApiStatusError.isInstance(event.error) &&
        (event.error.code === 401 || event.error.code === 403)
      ) {
        deniedMessage = message;
        denied.abort();
      }
    }
    if (phase === 'syncing' && event.type === 'list-page') {
      const progress = reflector.snapshot();
      output.record({
        type: 'progress',
        listed: progress.listed,
        total: progress.total,
        pages: progress.pages,
      });
    }
  });

  const cluster = source.cluster;
  const churn =
    cluster === undefined
      ? undefined
      : new ChurnDriver({
          writer: cluster.podWriter(),
          existingPods: cluster.podKeys,
          namespaces: cluster.namespaces,
          nodes: cluster.nodes,
          apps: cluster.apps,
          rate: options.churnRate,
          random: seededRandom(42),
        });
  const secondsSince = (start: number): number => (performance.now() - start) / 1000;
  const faultSchedule =
    cluster === undefined || !options.faults
      ? undefined
      : new FaultSchedule(
          planFaults(options.durationSeconds),
          cluster.faultTarget(),
          (fault, error) => {
            const injected = {
              atSeconds: Math.round(secondsSince(liveStartedAt) * 10) / 10,
              fault: fault.fault,
              description:
                error === undefined
                  ? fault.description
                  : `${fault.description} (injection failed: ${describeError(error)})`,
            };
            faults.push(injected);
            output.record({ type: 'fault', ...injected });
          },
        );

  const snapshot = (): DemoSnapshot => ({
    mode: source.mode,
    server: source.server,
    phase,
    elapsedSeconds: secondsSince(startedAt),
    remainingSeconds:
      phase === 'live' ? Math.max(0, options.durationSeconds - secondsSince(liveStartedAt)) : 0,
    // The informer's own resourceVersion moves with every event; the reflector's events only at
    // list and watch boundaries.
    reflector: { ...reflector.snapshot(), resourceVersion: informer.lastSyncResourceVersion() },
    cachedPods: informer.size(),
    eventsPerSecond: rate.sample(),
    events: { ...events },
    topNodes: topCounts(informer.counts('node'), options.top),
    nodeCount: informer.counts('node').size,
    topNamespaces: topCounts(informer.counts('namespace'), options.top),
    namespaceCount: informer.counts('namespace').size,
    topApps: topCounts(informer.counts('app'), options.top),
    churn: churn?.counts(),
    faults: [...faults],
  });

  output.record({
    type: 'start',
    mode: source.mode,
    server: source.server,
    pods: cluster === undefined ? undefined : options.pods,
    durationSeconds: options.durationSeconds,
  });
  const running = informer.run(stop.signal).catch((error: unknown) => {
    output.record({ type: 'error', message: `the informer stopped: ${describeError(error)}` });
  });
  const frames = setInterval(
    () => output.frame(snapshot()),
    output instanceof JsonOutput ? 1_000 : 250,
  );
  try {
    if (
      !(await waitFor(() => informer.hasSynced(), AbortSignal.any([io.interrupt, denied.signal])))
    ) {
      if (denied.signal.aborted) {
        output.finish(`cannot read pods: ${deniedMessage}`, false);
        return 1;
      }
      output.finish('interrupted before the initial sync', false);
      return 130;
    }
    output.record({
      type: 'synced',
      pods: informer.size(),
      resourceVersion: informer.lastSyncResourceVersion(),
      seconds: Math.round(secondsSince(startedAt) * 10) / 10,
    });

    phase = 'live';
    liveStartedAt = performance.now();
    churn?.start();
    faultSchedule?.start();
    await abortableDelay(options.durationSeconds * 1_000, io.interrupt);
    await churn?.stop();
    await faultSchedule?.stop();

    phase = 'verifying';
    const comparison = await verifyCache({
      readCache: () => informer.resourceVersionsByKey(),
      readServer: (signal) => listServerState(listerWatcher, signal),
      timeoutMilliseconds: CONVERGENCE_TIMEOUT_MILLISECONDS,
      intervalMilliseconds: 250,
    });
    clearInterval(frames);
    output.frame(snapshot());
    const message = describeComparison(comparison);
    output.record({
      type: 'verification',
      match: comparison.differences === 0,
      objects: comparison.objects,
      differences: comparison.differences,
      missing: comparison.missing.length,
      extra: comparison.extra.length,
      stale: comparison.stale.length,
      message,
    });
    output.finish(message, comparison.differences === 0);
    return comparison.differences === 0 ? 0 : 1;
  } catch (error) {
    const message = `the demo failed: ${describeError(error)}`;
    output.record({ type: 'error', message });
    output.finish(message, false);
    return 1;
  } finally {
    clearInterval(frames);
    await churn?.stop();
    await faultSchedule?.stop();
    stop.abort();
    await running;
    await cluster?.close();
  }
}
