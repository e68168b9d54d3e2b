import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countingClock } from '../counting-clock.test-support';
import { ExponentialFailureRateLimiter } from '../rate-limiters/exponential-failure-rate-limiter';
import { RateLimitingQueue } from './rate-limiting-queue';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

async function step(milliseconds: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(milliseconds);
}

async function takeAndFinish(queue: RateLimitingQueue): Promise<unknown> {
  const { item } = await queue.get();
  queue.done(item as string);
  return item;
}

describe('RateLimitingQueue', () => {
  // Port of client-go rate_limiting_queue_test.go (TestRateLimitingQueue): the delays are read
  // from when each item becomes ready instead of from the delaying queue's channel.
  it('should delay each retry by the rate limiter, count requeues and forget', async () => {
    const queue = new RateLimitingQueue({
      rateLimiter: new ExponentialFailureRateLimiter({
        baseMilliseconds: 1,
        maxMilliseconds: 1_000,
      }),
    });
    queue.addRateLimited('one');
    await step(1);
    expect(await takeAndFinish(queue)).toBe('one');
    queue.addRateLimited('one');
    await step(1);
    expect(queue.len()).toBe(0);
    await step(1);
    expect(await takeAndFinish(queue)).toBe('one');
    expect(queue.numRequeues('one')).toBe(2);

    queue.addRateLimited('two');
    await step(1);
    expect(await takeAndFinish(queue)).toBe('two');
    queue.addRateLimited('two');
    await step(1);
    expect(queue.len()).toBe(0);
    await step(1);
    expect(await takeAndFinish(queue)).toBe('two');

    queue.forget('one');
    expect(queue.numRequeues('one')).toBe(0);
    queue.addRateLimited('one');
    await step(1);
    expect(await takeAndFinish(queue)).toBe('one');
  });

  it('should not cancel a pending retry on forget (a stale retry still fires once)', async () => {
    const queue = new RateLimitingQueue();
    queue.addRateLimited('one');
    queue.forget('one');
    await step(5);
    expect(queue.len()).toBe(1);
  });

  it('should use the default controller limiter: 5 ms, 10 ms, 20 ms for one item', async () => {
    const clock = countingClock();
    const queue = new RateLimitingQueue({ clock });
    const readyAfter: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const started = clock.now();
      queue.addRateLimited('item');
      while (queue.len() === 0) await step(1);
      readyAfter.push(clock.now() - started);
      await takeAndFinish(queue);
    }
    expect(readyAfter).toEqual([5, 10, 20]);
    expect(queue.numRequeues('item')).toBe(3);
  });

  it('should key the default limiter with the queue key function', () => {
    const queue = new RateLimitingQueue<{ id: string }>({ keyOf: (item) => item.id });
    queue.addRateLimited({ id: 'a' });
    queue.addRateLimited({ id: 'a' });
    expect(queue.numRequeues({ id: 'a' })).toBe(2);
  });

  it('should drop rate-limited adds after shutdown, as delayed adds are dropped', async () => {
    const queue = new RateLimitingQueue();
    queue.addRateLimited('one');
    queue.shutDown();
    queue.addRateLimited('two');
    await step(1_000);
    expect(queue.len()).toBe(0);
  });
});
