import * as promClient from 'prom-client';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../manual-clock.test-support';
import { createPrometheusWorkqueueMetrics } from './prometheus-workqueue-metrics';
import { RateLimitingQueue } from '../queue/rate-limiting-queue';

describe('createPrometheusWorkqueueMetrics', () => {
  it("should record client-go's workqueue metrics, labelled by queue name, in seconds", async () => {
    const registry = new promClient.Registry();
    const metrics = createPrometheusWorkqueueMetrics(promClient, { registry });
    const clock = manualClock();
    const queue = new RateLimitingQueue({ name: 'config-maps', clock, metrics });
    const other = new RateLimitingQueue({ name: 'secrets', clock, metrics });
    queue.add('a');
    queue.add('b');
    other.add('x');
    clock.advance(2);
    const { item } = await queue.get();
    clock.advance(500);
    queue.done(item as string);
    queue.addRateLimited('a');

    const values = async (name: string): Promise<Record<string, number>> => {
      const metric = registry.getSingleMetric(name);
      const data = await metric?.get();
      return Object.fromEntries(
        (data?.values ?? []).map((value) => [
          `${(value as { metricName?: string }).metricName ?? name}${JSON.stringify(value.labels)}`,
          value.value,
        ]),
      );
    };
    expect(await values('workqueue_adds_total')).toEqual({
      'workqueue_adds_total{"name":"config-maps"}': 2,
      'workqueue_adds_total{"name":"secrets"}': 1,
    });
    expect(await values('workqueue_depth')).toEqual({
      'workqueue_depth{"name":"config-maps"}': 1,
      'workqueue_depth{"name":"secrets"}': 1,
    });
    expect(await values('workqueue_retries_total')).toEqual({
      'workqueue_retries_total{"name":"config-maps"}': 1,
    });
    const queueDuration = await values('workqueue_queue_duration_seconds');
    expect(queueDuration['workqueue_queue_duration_seconds_sum{"name":"config-maps"}']).toBeCloseTo(
      0.002,
    );
    const workDuration = await values('workqueue_work_duration_seconds');
    expect(workDuration['workqueue_work_duration_seconds_count{"name":"config-maps"}']).toBe(1);
    expect(workDuration['workqueue_work_duration_seconds_sum{"name":"config-maps"}']).toBeCloseTo(
      0.5,
    );
    expect(Object.keys(workDuration)).toContain(
      'workqueue_work_duration_seconds_bucket{"le":10,"name":"config-maps"}',
    );
    // The 500 ms update ran 498 ms after the get.
    const longest = await values('workqueue_longest_running_processor_seconds');
    expect(
      longest['workqueue_longest_running_processor_seconds{"name":"config-maps"}'],
    ).toBeCloseTo(0.498);
    expect(longest['workqueue_longest_running_processor_seconds{"name":"secrets"}']).toBe(0);
    expect(await values('workqueue_unfinished_work_seconds')).toHaveProperty([
      'workqueue_unfinished_work_seconds{"name":"config-maps"}',
    ]);
    queue.shutDown();
    other.shutDown();
  });

  it('should take a prefix', () => {
    const registry = new promClient.Registry();
    createPrometheusWorkqueueMetrics(promClient, { registry, prefix: 'app_workqueue_' });
    expect(registry.getSingleMetric('app_workqueue_depth')).toBeDefined();
  });
});
