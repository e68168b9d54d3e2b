import { afterEach, describe, it, expect, vi } from 'vitest';
import { ChurnDriver } from './churn-driver';
import type { PodWriter } from './churn-driver';
import { seededRandom } from '@kube-cache/testing';

afterEach(() => {
  vi.useRealTimers();
});

// A writer over a Map, so the test can check the churn against a model of the server.
function modelWriter(pods: Map<string, string>, failEvery = 0): PodWriter & { calls: number } {
  const writer = {
    calls: 0,
    createPod(pod: { namespace: string; name: string; nodeName: string }) {
      writer.calls += 1;
      if (failEvery > 0 && writer.calls % failEvery === 0)
        return Promise.reject(new Error('refused'));
      pods.set(`${pod.namespace}/${pod.name}`, pod.nodeName);
      return Promise.resolve();
    },
    movePod(namespace: string, name: string, nodeName: string) {
      writer.calls += 1;
      if (!pods.has(`${namespace}/${name}`)) return Promise.reject(new Error('not found'));
      pods.set(`${namespace}/${name}`, nodeName);
      return Promise.resolve();
    },
    deletePod(namespace: string, name: string) {
      writer.calls += 1;
      if (!pods.delete(`${namespace}/${name}`)) return Promise.reject(new Error('not found'));
      return Promise.resolve();
    },
  };
  return writer;
}

function driver(writer: PodWriter, pods: Map<string, string>, rate: number): ChurnDriver {
  return new ChurnDriver({
    writer,
    existingPods: [...pods.keys()],
    namespaces: ['a', 'b'],
    nodes: ['node-1', 'node-2', 'node-3'],
    apps: ['web'],
    rate,
    random: seededRandom(7),
  });
}

describe('ChurnDriver', () => {
  it('should run about rate operations per second', async () => {
    vi.useFakeTimers();
    const pods = new Map([...Array(20).keys()].map((index) => [`a/pod-${index}`, 'node-1']));
    const writer = modelWriter(pods);
    const churn = driver(writer, pods, 50);
    churn.start();
    await vi.advanceTimersByTimeAsync(2_000);
    await churn.stop();
    const counts = churn.counts();
    expect(counts.creates + counts.moves + counts.deletes + counts.failures).toBe(100);
    expect(counts.creates).toBeGreaterThan(0);
    expect(counts.moves).toBeGreaterThan(0);
    expect(counts.deletes).toBeGreaterThan(0);
  });

  it('should only move and delete pods that exist', async () => {
    vi.useFakeTimers();
    const pods = new Map([...Array(5).keys()].map((index) => [`a/pod-${index}`, 'node-1']));
    const churn = driver(modelWriter(pods), pods, 100);
    churn.start();
    await vi.advanceTimersByTimeAsync(3_000);
    await churn.stop();
    expect(churn.counts().failures).toBe(0);
  });

  it('should count refused operations and go on', async () => {
    vi.useFakeTimers();
    const pods = new Map<string, string>();
    const churn = driver(modelWriter(pods, 2), pods, 10);
    churn.start();
    await vi.advanceTimersByTimeAsync(1_000);
    await churn.stop();
    expect(churn.counts().failures).toBeGreaterThan(0);
    expect(churn.counts().creates).toBeGreaterThan(0);
  });

  it('should do nothing after stop', async () => {
    vi.useFakeTimers();
    const pods = new Map<string, string>();
    const writer = modelWriter(pods);
    const churn = driver(writer, pods, 100);
    churn.start();
    await vi.advanceTimersByTimeAsync(500);
    await churn.stop();
    const calls = writer.calls;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(writer.calls).toBe(calls);
  });
});
