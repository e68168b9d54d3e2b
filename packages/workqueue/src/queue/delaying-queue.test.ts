import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countingClock } from '../counting-clock.test-support';
import { DelayingQueue } from './delaying-queue';
import { InvalidWorkqueueArgumentError } from '../errors/invalid-workqueue-argument-error';
import type { WorkqueueClock } from '../workqueue-clock';
import { WorkqueueKeyError } from '../errors/workqueue-key-error';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

async function step(milliseconds: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(milliseconds);
}

// Ports of client-go util/workqueue/delaying_queue_test.go: the fake clock is vitest's.
describe('DelayingQueue', () => {
  it('should add an item once its delay has passed, and once only (simple queue)', async () => {
    const queue = new DelayingQueue();
    queue.addAfter('foo', 50);
    expect(queue.len()).toBe(0);
    await step(60);
    expect(queue.len()).toBe(1);
    const { item } = await queue.get();
    queue.done(item as string);
    await step(10_000);
    expect(queue.len()).toBe(0);
  });

  it('should keep the earlier time for an item that waits twice (deduping)', async () => {
    const queue = new DelayingQueue();
    queue.addAfter('foo', 50);
    queue.addAfter('foo', 70);
    expect(queue.len()).toBe(0);
    await step(60);
    expect(queue.len()).toBe(1);
    queue.done((await queue.get()).item as string);
    await step(20);
    expect(queue.len()).toBe(0);

    queue.addAfter('foo', 50);
    queue.addAfter('foo', 30);
    expect(queue.len()).toBe(0);
    await step(40);
    expect(queue.len()).toBe(1);
    queue.done((await queue.get()).item as string);
    await step(20);
    expect(queue.len()).toBe(0);
  });

  it('should fire the earliest item first, whatever the order of the calls (add two, fire early)', async () => {
    const queue = new DelayingQueue();
    queue.addAfter('foo', 1_000);
    queue.addAfter('bar', 50);
    await step(60);
    expect(queue.len()).toBe(1);
    expect((await queue.get()).item).toBe('bar');
    queue.done('bar');

    queue.addAfter('baz', 2_000);
    await step(1_000);
    expect(queue.len()).toBe(1);
    expect((await queue.get()).item).toBe('foo');
    queue.done('foo');

    await step(2_000);
    expect(queue.len()).toBe(1);
    expect((await queue.get()).item).toBe('baz');
  });

  it('should hand out items in ready-time order (copy shifting)', async () => {
    const queue = new DelayingQueue();
    queue.addAfter('foo', 1_000);
    queue.addAfter('bar', 500);
    queue.addAfter('baz', 250);
    await step(2_000);
    expect(queue.len()).toBe(3);
    const order: unknown[] = [];
    for (let index = 0; index < 3; index += 1) order.push((await queue.get()).item);
    expect(order).toEqual(['baz', 'bar', 'foo']);
  });

  it('should add at once for a delay of zero or less', () => {
    const queue = new DelayingQueue();
    queue.addAfter('now', 0);
    queue.addAfter('before', -5);
    expect(queue.len()).toBe(2);
  });

  it('should hand out items with equal ready times in the order they were added', async () => {
    const queue = new DelayingQueue();
    for (const name of ['c', 'a', 'b']) queue.addAfter(name, 100);
    await step(100);
    const order: unknown[] = [];
    for (let index = 0; index < 3; index += 1) order.push((await queue.get()).item);
    expect(order).toEqual(['c', 'a', 'b']);
  });

  it('should let an immediate add through while a delayed entry waits, and fire the entry later', async () => {
    const queue = new DelayingQueue();
    queue.addAfter('foo', 100);
    queue.add('foo');
    expect(queue.len()).toBe(1);
    queue.done((await queue.get()).item as string);
    await step(100);
    expect(queue.len()).toBe(1);
  });

  describe('timers', () => {
    it('should use one timer for the whole queue', async () => {
      const clock = countingClock();
      const queue = new DelayingQueue({ clock });
      for (let index = 0; index < 1_000; index += 1) queue.addAfter(`item-${index}`, 1_000 + index);
      expect(clock.live).toBe(1);
      expect(clock.armed).toBe(1);
      // An earlier item re-arms the one timer.
      queue.addAfter('early', 10);
      expect(clock.live).toBe(1);
      await step(3_000);
      expect(queue.len()).toBe(1_001);
      expect(clock.mostLive).toBe(1);
      expect(clock.live).toBe(0);
    });

    it('should wait past the longest timeout Node allows', async () => {
      const queue = new DelayingQueue();
      const thirtyDays = 30 * 24 * 60 * 60 * 1_000;
      queue.addAfter('later', thirtyDays);
      await step(thirtyDays - 1);
      expect(queue.len()).toBe(0);
      await step(1);
      expect(queue.len()).toBe(1);
    });

    it('should take its time from an injected clock', () => {
      let now = 0;
      const timers: { at: number; callback: () => void }[] = [];
      const clock: WorkqueueClock = {
        now: () => now,
        setTimeout: (callback, milliseconds) => {
          const timer = { at: now + milliseconds, callback };
          timers.push(timer);
          return timer;
        },
        clearTimeout: (handle) => {
          timers.splice(timers.indexOf(handle as (typeof timers)[number]), 1);
        },
      };
      const queue = new DelayingQueue({ clock });
      queue.addAfter('foo', 50);
      queue.addAfter('bar', 20);
      expect(timers.map((timer) => timer.at)).toEqual([20]);
      now = 20;
      timers.shift()?.callback();
      expect(queue.len()).toBe(1);
      expect(timers.map((timer) => timer.at)).toEqual([50]);
    });
  });

  describe('shutdown', () => {
    it('should drop every pending delayed item on shutDown, and ignore later addAfter', async () => {
      const clock = countingClock();
      const queue = new DelayingQueue({ clock });
      queue.addAfter('foo', 50);
      queue.shutDown();
      expect(clock.live).toBe(0);
      queue.addAfter('bar', 10);
      queue.addAfter('baz', 0);
      await step(100);
      expect(queue.len()).toBe(0);
      expect(await queue.get()).toEqual({ item: undefined, shutdown: true });
    });

    it('should drop every pending delayed item on shutDownWithDrain', async () => {
      const queue = new DelayingQueue();
      queue.addAfter('foo', 50);
      await queue.shutDownWithDrain();
      await step(100);
      expect(queue.len()).toBe(0);
    });
  });

  it('should throw a WorkqueueKeyError and keep nothing when the key function throws', async () => {
    const queue = new DelayingQueue<{ id: string }>({
      keyOf: (item) => {
        if (item.id === '') throw new Error('no id');
        return item.id;
      },
    });
    expect(() => queue.addAfter({ id: '' }, 10)).toThrow(WorkqueueKeyError);
    expect(() => queue.done({ id: '' })).toThrow(WorkqueueKeyError);
    await step(20);
    expect(queue.len()).toBe(0);
  });

  it('should throw an InvalidWorkqueueArgumentError for a delay that is not a finite number', () => {
    const queue = new DelayingQueue();
    for (const milliseconds of [Number.NaN, Number.POSITIVE_INFINITY, '5' as unknown as number]) {
      expect(() => queue.addAfter('foo', milliseconds)).toThrow(InvalidWorkqueueArgumentError);
    }
    expect(queue.len()).toBe(0);
  });
});
