import { FakeListerWatcher } from '@kube-cache/testing';
import * as promClient from 'prom-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pod } from '../informer/informer-test-support.test-support';
import type { TestPod } from '../informer/informer-test-support.test-support';
import { SharedIndexInformer } from '../informer/shared-index-informer';
import type { InformerMetrics } from './informer-metrics';
import { createPrometheusMetrics } from './prometheus-metrics';

const runs: { controller: AbortController; done: Promise<void> }[] = [];

function run(informer: SharedIndexInformer<TestPod>): void {
  const controller = new AbortController();
  runs.push({ controller, done: informer.run(controller.signal) });
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(async () => {
  for (const { controller } of runs) controller.abort();
  await vi.runAllTimersAsync();
  await Promise.all(runs.splice(0).map(({ done }) => done));
  vi.useRealTimers();
});

/** Runs an informer through an initial list, events, a handler error and a 410 relist. */
async function exercise(metrics: InformerMetrics): Promise<void> {
  const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a'), pod('b')] });
  const informer = new SharedIndexInformer<TestPod>({
    listerWatcher: source,
    name: 'pods',
    metrics,
    onError: () => undefined,
  });
  informer.addEventHandler(
    {
      onAdd: (object) => {
        if (object.metadata?.name === 'c') throw new Error('boom');
      },
    },
    { name: 'picky' },
  );
  run(informer);
  await vi.advanceTimersByTimeAsync(10);
  source.add(pod('c'));
  await vi.advanceTimersByTimeAsync(10);
  source.dropWatches();
  source.modify(pod('a'));
  source.compact();
  await vi.advanceTimersByTimeAsync(120_000);
}

describe('InformerMetrics', () => {
  it('should report relists, 410s, reconnects, queue depths, handler latency and errors, and the resourceVersion', async () => {
    const calls: string[] = [];
    const depths: number[] = [];
    let latencies = 0;
    await exercise({
      relist: (informer, reason) => calls.push(`relist ${informer} ${reason}`),
      expired: (informer) => calls.push(`expired ${informer}`),
      reconnect: (informer) => calls.push(`reconnect ${informer}`),
      handlerError: (informer, handler) => calls.push(`error ${informer} ${handler}`),
      handlerLatency: () => {
        latencies += 1;
      },
      queueDepth: (_informer, depth) => depths.push(depth),
      lastResourceVersion: (_informer, resourceVersion) => calls.push(`rv ${resourceVersion}`),
    });
    expect(calls.filter((call) => call.startsWith('relist'))).toEqual([
      'relist pods initial',
      'relist pods expired',
    ]);
    expect(calls).toContain('expired pods');
    expect(calls).toContain('reconnect pods');
    expect(calls).toContain('error pods picky');
    expect(calls).toContain('rv 3');
    expect(calls.filter((call) => call.startsWith('rv')).at(-1)).toBe('rv 5');
    // a, b and c added, a updated; the relist also re-notifies the unchanged b and c.
    expect(latencies).toBe(6);
    expect(Math.max(...depths)).toBeGreaterThan(0);
    expect(depths.at(-1)).toBe(0);
  });
});

describe('createPrometheusMetrics', () => {
  it('should record informer metrics into a prom-client registry', async () => {
    const registry = new promClient.Registry();
    await exercise(createPrometheusMetrics(promClient, { registry, prefix: 'test_' }));
    const text = await registry.metrics();
    expect(text).toContain('test_relists_total{informer="pods",reason="initial"} 1');
    expect(text).toContain('test_relists_total{informer="pods",reason="expired"} 1');
    expect(text).toContain('test_expired_total{informer="pods"} 1');
    expect(text).toMatch(/test_reconnects_total\{informer="pods"\} [1-9]/);
    expect(text).toContain('test_handler_errors_total{informer="pods",handler="picky"} 1');
    expect(text).toContain(
      'test_handler_duration_seconds_count{informer="pods",handler="picky"} 6',
    );
    expect(text).toContain('test_queue_depth{informer="pods"} 0');
    expect(text).toContain('test_last_resource_version{informer="pods"} 5');
  });

  it('should skip a resourceVersion that is not an integer', async () => {
    const registry = new promClient.Registry();
    const metrics = createPrometheusMetrics(promClient, { registry });
    metrics.lastResourceVersion?.('pods', 'opaque-token');
    metrics.lastResourceVersion?.('pods', '42');
    metrics.lastResourceVersion?.('pods', 'x');
    expect(await registry.metrics()).toContain(
      'kube_cache_informer_last_resource_version{informer="pods"} 42',
    );
  });
});
