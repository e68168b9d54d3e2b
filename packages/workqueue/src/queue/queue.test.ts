import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Queue } from './queue';
import { WorkqueueKeyError } from '../errors/workqueue-key-error';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

const sleep = (milliseconds: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Whether a promise has settled, after letting pending microtasks run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

const shutdownStyles = [
  { style: 'shutDown', shutDown: (queue: Queue<unknown>) => queue.shutDown() },
  {
    style: 'shutDownWithDrain',
    shutDown: (queue: Queue<unknown>) => void queue.shutDownWithDrain(),
  },
];

// Ports of client-go util/workqueue/queue_test.go, with fake timers instead of sleeps.
describe('Queue', () => {
  describe.each(shutdownStyles)('basic (ending with $style)', ({ shutDown }) => {
    it('should hand out every producer item and never one added after shutdown', async () => {
      const queue = new Queue<unknown>();
      const producers = Array.from({ length: 50 }, async () => {
        for (let index = 0; index < 50; index += 1) {
          queue.add(index);
          await sleep(1);
        }
      });
      const received: unknown[] = [];
      const consumers = Array.from({ length: 10 }, async () => {
        for (;;) {
          const { item, shutdown } = await queue.get();
          if (shutdown) return;
          received.push(item);
          await sleep(3);
          queue.done(item);
        }
      });
      const finished = Promise.all(producers).then(() => {
        shutDown(queue);
        queue.add('added after shutdown!');
      });
      await vi.runAllTimersAsync();
      await finished;
      await Promise.all(consumers);
      expect(received).not.toContain('added after shutdown!');
      expect(new Set(received)).toEqual(new Set(Array.from({ length: 50 }, (_, index) => index)));
      expect(queue.len()).toBe(0);
    });
  });

  describe.each(shutdownStyles)('add while processing (ending with $style)', ({ shutDown }) => {
    it('should hand each item out again after done when it was added while held', async () => {
      const queue = new Queue<unknown>();
      for (let index = 0; index < 50; index += 1) queue.add(index);
      const seen = new Map<unknown, number>();
      const consumers = Array.from({ length: 10 }, async () => {
        for (;;) {
          const { item, shutdown } = await queue.get();
          if (shutdown) return;
          const count = (seen.get(item) ?? 0) + 1;
          seen.set(item, count);
          if (count < 2) queue.add(item);
          await sleep(1);
          queue.done(item);
        }
      });
      await vi.advanceTimersByTimeAsync(100);
      shutDown(queue);
      await vi.runAllTimersAsync();
      await Promise.all(consumers);
      expect([...seen.values()].every((count) => count === 2)).toBe(true);
      expect(seen.size).toBe(50);
      expect(queue.len()).toBe(0);
    });
  });

  it('should count waiting items, deduplicated (len)', () => {
    const queue = new Queue();
    queue.add('foo');
    expect(queue.len()).toBe(1);
    queue.add('bar');
    expect(queue.len()).toBe(2);
    queue.add('foo');
    expect(queue.len()).toBe(2);
  });

  it('should hand an item out again when it was added while processing (reinsert)', async () => {
    const queue = new Queue();
    queue.add('foo');
    const first = await queue.get();
    expect(first).toEqual({ item: 'foo', shutdown: false });
    queue.add('foo');
    expect(queue.len()).toBe(0);
    queue.done('foo');
    expect(await queue.get()).toEqual({ item: 'foo', shutdown: false });
    queue.done('foo');
    expect(queue.len()).toBe(0);
  });

  it('should collapse an item added twice while it waits (collapse)', async () => {
    const queue = new Queue();
    queue.add('bar');
    queue.add('bar');
    expect(queue.len()).toBe(1);
    expect(await queue.get()).toEqual({ item: 'bar', shutdown: false });
    queue.done('bar');
    expect(queue.len()).toBe(0);
  });

  it('should not hand a held item to a second worker (collapse while processing)', async () => {
    const queue = new Queue();
    queue.add('foo');
    await queue.get();
    queue.add('foo');
    queue.add('foo');
    const second = queue.get();
    await vi.advanceTimersByTimeAsync(100);
    expect(await settled(second)).toBe(false);
    queue.done('foo');
    expect(await second).toEqual({ item: 'foo', shutdown: false });
    queue.done('foo');
    expect(queue.len()).toBe(0);
  });

  it('should wait for held items only, and report shutdown at once (drain)', async () => {
    const queue = new Queue();
    queue.add('foo');
    queue.add('bar');
    await queue.get();
    await queue.get();
    const drained = queue.shutDownWithDrain();
    expect(await queue.get()).toEqual({ item: undefined, shutdown: true });
    expect(await settled(drained)).toBe(false);
    queue.done('foo');
    expect(await settled(drained)).toBe(false);
    queue.done('bar');
    expect(await settled(drained)).toBe(true);
  });

  it('should not wait for held items on shutDown (no drain)', async () => {
    const queue = new Queue();
    queue.add('foo');
    queue.add('bar');
    await queue.get();
    await queue.get();
    queue.shutDown();
    expect(queue.shuttingDown()).toBe(true);
    expect(await queue.get()).toEqual({ item: undefined, shutdown: true });
  });

  it('should release a pending drain on shutDown without done (force)', async () => {
    const queue = new Queue();
    queue.add('foo');
    queue.add('bar');
    await queue.get();
    await queue.get();
    const drained = queue.shutDownWithDrain();
    expect((await queue.get()).shutdown).toBe(true);
    expect(await settled(drained)).toBe(false);
    queue.shutDown();
    expect(await settled(drained)).toBe(true);
  });

  it('should hand out a dirty item again after shutdown, with shutdown false (drain with dirty item)', async () => {
    const queue = new Queue();
    queue.add('foo');
    const gotten = await queue.get();
    queue.add('foo');
    const drained = queue.shutDownWithDrain();
    expect((await queue.get()).shutdown).toBe(true);
    queue.done(gotten.item as string);
    expect(await queue.get()).toEqual({ item: 'foo', shutdown: false });
    expect(await settled(drained)).toBe(false);
    queue.done('foo');
    expect(await queue.get()).toEqual({ item: undefined, shutdown: true });
    expect(await settled(drained)).toBe(true);
  });

  it('should keep no reference to an item after done (garbage collection)', async () => {
    v8.setFlagsFromString('--expose-gc');
    const collect = vm.runInNewContext('gc') as () => void;
    const queue = new Queue<object>();
    let weak: WeakRef<object> | undefined;
    (() => {
      const item = { name: 'foo' };
      weak = new WeakRef(item);
      queue.add(item);
    })();
    queue.done((await queue.get()).item as object);
    // WeakRef targets are kept alive until the current job ends: let it end before collecting.
    vi.useRealTimers();
    await new Promise((resolve) => setImmediate(resolve));
    collect();
    expect(weak?.deref()).toBeUndefined();
  });

  describe('get', () => {
    it('should serve waiting workers first come, first served', async () => {
      const queue = new Queue();
      const first = queue.get();
      const second = queue.get();
      queue.add('a');
      queue.add('b');
      expect(await first).toEqual({ item: 'a', shutdown: false });
      expect(await second).toEqual({ item: 'b', shutdown: false });
    });

    it('should deduplicate adds of one key made in the same run while workers wait', async () => {
      const queue = new Queue();
      const first = queue.get();
      const second = queue.get();
      queue.add('a');
      queue.add('a');
      expect(await first).toEqual({ item: 'a', shutdown: false });
      expect(await settled(second)).toBe(false);
      queue.done('a');
      expect(await settled(second)).toBe(false);
    });

    it('should serve a worker that waits before a later get', async () => {
      const queue = new Queue();
      const waiting = queue.get();
      queue.add('a');
      queue.add('b');
      const later = queue.get();
      expect(await waiting).toEqual({ item: 'a', shutdown: false });
      expect(await later).toEqual({ item: 'b', shutdown: false });
    });

    it('should hand items added just before shutdown to waiting workers, not report shutdown', async () => {
      const queue = new Queue();
      const first = queue.get();
      const second = queue.get();
      queue.add('a');
      queue.shutDown();
      expect(await first).toEqual({ item: 'a', shutdown: false });
      expect(await second).toEqual({ item: undefined, shutdown: true });
    });

    it('should wake every waiting worker on shutdown', async () => {
      const queue = new Queue();
      const waiting = [queue.get(), queue.get(), queue.get()];
      queue.shutDown();
      expect(await Promise.all(waiting)).toEqual(
        waiting.map(() => ({ item: undefined, shutdown: true })),
      );
    });

    it('should reject with the signal reason and take nothing when aborted while waiting', async () => {
      const queue = new Queue();
      const controller = new AbortController();
      const waiting = queue.get(controller.signal);
      controller.abort(new Error('stop'));
      await expect(waiting).rejects.toThrow('stop');
      queue.add('a');
      expect(queue.len()).toBe(1);
      expect(await queue.get()).toEqual({ item: 'a', shutdown: false });
    });

    it('should skip aborted waiters, however many, and serve the next live one', async () => {
      const queue = new Queue();
      const first = queue.get();
      const aborted = Array.from({ length: 100 }, () => {
        const controller = new AbortController();
        const waiting = queue.get(controller.signal);
        controller.abort(new Error('gave up'));
        return waiting;
      });
      const last = queue.get();
      await Promise.all(aborted.map((waiting) => expect(waiting).rejects.toThrow('gave up')));
      queue.add('a');
      queue.add('b');
      queue.add('c');
      expect(await first).toEqual({ item: 'a', shutdown: false });
      expect(await last).toEqual({ item: 'b', shutdown: false });
      expect(queue.len()).toBe(1);
    });

    it('should reject at once with an aborted signal, even when items wait', async () => {
      const queue = new Queue();
      queue.add('a');
      await expect(queue.get(AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
      expect(queue.len()).toBe(1);
    });

    it('should return queued items after shutdown with shutdown false, then shutdown true', async () => {
      const queue = new Queue();
      queue.add('a');
      queue.add('b');
      queue.shutDown();
      queue.add('c');
      expect(await queue.get()).toEqual({ item: 'a', shutdown: false });
      expect(await queue.get()).toEqual({ item: 'b', shutdown: false });
      expect(await queue.get()).toEqual({ item: undefined, shutdown: true });
    });
  });

  describe('order', () => {
    it('should keep FIFO order, keep a duplicate in place and queue a held item at the tail on done', async () => {
      const queue = new Queue();
      queue.add('a');
      queue.add('b');
      queue.add('c');
      const { item } = await queue.get();
      expect(item).toBe('a');
      queue.add('b');
      queue.add('a');
      queue.add('d');
      queue.done('a');
      const order: unknown[] = [];
      for (let index = 0; index < 4; index += 1) order.push((await queue.get()).item);
      expect(order).toEqual(['b', 'c', 'd', 'a']);
    });
  });

  describe('done', () => {
    it('should ignore an item that is not held (no duplicate for a waiting item)', async () => {
      const queue = new Queue();
      queue.add('a');
      queue.done('a');
      queue.done('never-added');
      expect(queue.len()).toBe(1);
      await queue.get();
      queue.done('a');
      expect(queue.len()).toBe(0);
    });
  });

  describe('keyOf', () => {
    interface Job {
      id: string;
      version: number;
    }

    it('should deduplicate objects by key and hand out the newest one', async () => {
      const queue = new Queue<Job>({ keyOf: (job) => job.id });
      queue.add({ id: 'x', version: 1 });
      queue.add({ id: 'y', version: 1 });
      queue.add({ id: 'x', version: 2 });
      expect(queue.len()).toBe(2);
      const first = await queue.get();
      expect(first.item).toEqual({ id: 'x', version: 2 });
      queue.add({ id: 'x', version: 3 });
      queue.done({ id: 'x', version: 2 });
      await queue.get();
      expect((await queue.get()).item).toEqual({ id: 'x', version: 3 });
    });

    it('should throw a WorkqueueKeyError and change nothing when the key function throws', () => {
      const queue = new Queue<Job>({
        keyOf: (job) => {
          if (job.id === '') throw new Error('no id');
          return job.id;
        },
      });
      queue.add({ id: 'a', version: 1 });
      let caught: unknown;
      try {
        queue.add({ id: '', version: 1 });
      } catch (error) {
        caught = error;
      }
      expect(WorkqueueKeyError.isInstance(caught)).toBe(true);
      expect((caught as Error).cause).toEqual(new Error('no id'));
      expect(queue.len()).toBe(1);
    });
  });
});
