import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DelayingQueue } from '../queue/delaying-queue';
import { ExponentialFailureRateLimiter } from '../rate-limiters/exponential-failure-rate-limiter';
import { InvalidWorkqueueArgumentError } from '../errors/invalid-workqueue-argument-error';
import { manualClock } from '../manual-clock.test-support';
import { Queue } from '../queue/queue';
import { RateLimitingQueue } from '../queue/rate-limiting-queue';
import type { WorkqueueMetrics } from './workqueue-metrics';

/** Hooks that record every call. */
function recordingMetrics(): WorkqueueMetrics & {
  adds: number;
  depths: number[];
  latencies: number[];
  durations: number[];
  unfinished: number[];
  longest: number[];
  retries: number;
  names: Set<string>;
} {
  const recorded = {
    adds: 0,
    depths: [] as number[],
    latencies: [] as number[],
    durations: [] as number[],
    unfinished: [] as number[],
    longest: [] as number[],
    retries: 0,
    names: new Set<string>(),
  };
  return Object.assign(recorded, {
    add: (name: string) => {
      recorded.names.add(name);
      recorded.adds += 1;
    },
    depth: (_name: string, depth: number) => recorded.depths.push(depth),
    queueLatency: (_name: string, milliseconds: number) => recorded.latencies.push(milliseconds),
    workDuration: (_name: string, milliseconds: number) => recorded.durations.push(milliseconds),
    unfinishedWork: (_name: string, milliseconds: number) => recorded.unfinished.push(milliseconds),
    longestRunningProcessor: (_name: string, milliseconds: number) =>
      recorded.longest.push(milliseconds),
    retry: () => {
      recorded.retries += 1;
    },
  });
}

describe('WorkqueueMetrics', () => {
  // Port of client-go metrics_test.go (TestMetrics), with the 500 ms update period.
  it('should report adds, depth, queue latency, work duration and unfinished work as client-go does', async () => {
    const clock = manualClock();
    const metrics = recordingMetrics();
    const queue = new Queue({ name: 'test', clock, metrics });
    queue.add('foo');
    expect(metrics.adds).toBe(1);
    expect(metrics.depths.at(-1)).toBe(1);

    clock.advance(0.05);
    const first = await queue.get();
    expect(first.item).toBe('foo');
    expect(metrics.latencies).toEqual([0.05]);
    expect(metrics.depths.at(-1)).toBe(0);

    // Added while processing: counted once, not deduplicated against the held item.
    for (let index = 0; index < 5; index += 1) queue.add('foo');
    expect(metrics.adds).toBe(2);
    expect(metrics.depths.at(-1)).toBe(1);

    clock.advance(0.025);
    queue.done('foo');
    expect(metrics.durations).toHaveLength(1);
    expect(metrics.durations[0]).toBeCloseTo(0.025);
    expect(metrics.depths.at(-1)).toBe(1);

    await queue.get();
    expect(metrics.latencies).toHaveLength(2);
    expect(metrics.latencies[1]).toBeCloseTo(0.025);

    clock.advance(1_000 - 0.075);
    expect(metrics.unfinished.at(-1)).toBeCloseTo(1_000 - 0.075);
    expect(metrics.longest.at(-1)).toBeCloseTo(1_000 - 0.075);

    clock.advance(0.075);
    queue.done('foo');
    expect(metrics.durations).toHaveLength(2);
    expect(metrics.durations[1]).toBeCloseTo(1_000);
    expect(metrics.names).toEqual(new Set(['test']));
  });

  it('should report zero unfinished work while nothing is held', () => {
    const clock = manualClock();
    const metrics = recordingMetrics();
    new Queue({ name: 'idle', clock, metrics });
    clock.advance(1_000);
    expect(metrics.unfinished).toEqual([0, 0]);
    expect(metrics.longest).toEqual([0, 0]);
  });

  // Port of client-go metrics_test.go (TestMetricShutdown).
  it('should stop the unfinished-work updates at shutdown', () => {
    const clock = manualClock();
    const metrics = recordingMetrics();
    const queue = new Queue({ name: 'test', clock, metrics });
    clock.advance(500);
    expect(metrics.unfinished).toHaveLength(1);
    queue.shutDown();
    expect(clock.pending).toBe(0);
    clock.advance(5_000);
    expect(metrics.unfinished).toHaveLength(1);
  });

  it('should count every addAfter as a retry, with no delay and through addRateLimited, until shutdown', () => {
    const clock = manualClock();
    const metrics = recordingMetrics();
    const queue = new RateLimitingQueue({
      name: 'retries',
      clock,
      metrics,
      rateLimiter: new ExponentialFailureRateLimiter({ baseMilliseconds: 1 }),
    });
    queue.addAfter('a', 10);
    queue.addAfter('a', 0);
    queue.addRateLimited('b');
    expect(metrics.retries).toBe(3);
    queue.shutDown();
    queue.addAfter('c', 10);
    expect(metrics.retries).toBe(3);
  });

  it('should not count a deduplicated add', () => {
    const metrics = recordingMetrics();
    const queue = new DelayingQueue({ name: 'dedupe', metrics, clock: manualClock() });
    queue.add('a');
    queue.add('a');
    expect(metrics.adds).toBe(1);
    expect(metrics.depths).toEqual([1]);
  });

  it('should measure latency and work per key with a key function', async () => {
    const clock = manualClock();
    const metrics = recordingMetrics();
    const queue = new Queue<{ id: string; version: number }>({
      name: 'objects',
      clock,
      metrics,
      keyOf: (item) => item.id,
    });
    queue.add({ id: 'a', version: 1 });
    clock.advance(10);
    queue.add({ id: 'b', version: 1 });
    queue.add({ id: 'a', version: 2 });
    clock.advance(5);
    const first = await queue.get();
    const second = await queue.get();
    expect(metrics.adds).toBe(2);
    expect(metrics.latencies).toEqual([15, 5]);
    clock.advance(1);
    queue.done({ id: 'b', version: 7 });
    clock.advance(1);
    queue.done(first.item as { id: string; version: number });
    expect(metrics.durations).toEqual([1, 2]);
    expect(second.item).toEqual({ id: 'b', version: 1 });
  });

  it('should need a queue name', () => {
    expect(() => new Queue({ metrics: {} })).toThrow(InvalidWorkqueueArgumentError);
    expect(() => new Queue({ name: '', metrics: {} })).toThrow(/name/);
  });

  describe('a throwing hook', () => {
    beforeEach(() => {
      vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    });

    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('should leave the queue working and warn once a minute', async () => {
      const clock = manualClock();
      const queue = new Queue({
        name: 'broken',
        clock,
        metrics: {
          add: () => {
            throw new Error('metrics backend down');
          },
        },
      });
      queue.add('a');
      queue.add('b');
      expect(queue.len()).toBe(2);
      expect((await queue.get()).item).toBe('a');
      expect(process.emitWarning).toHaveBeenCalledTimes(1);
      expect(vi.mocked(process.emitWarning).mock.calls[0]?.[0]).toContain('metrics backend down');
      clock.advance(60_000);
      queue.add('c');
      expect(process.emitWarning).toHaveBeenCalledTimes(2);
    });
  });
});
