import { FifoBuffer } from './fifo-buffer';
import { shutdownResult } from './get-result';
import type { GetResult } from './get-result';
import { GetWaiters } from './get-waiters';
import { InvalidWorkqueueArgumentError } from '../errors/invalid-workqueue-argument-error';
import { keyResolver } from './key-function';
import { MetricsRecorder } from '../metrics/metrics-recorder';
import type { QueueOptions } from './queue-options';
import { realClock } from '../workqueue-clock';
import type { WorkqueueClock } from '../workqueue-clock';

// A key's state, as bits: it needs processing (client-go's dirty set), a worker holds it
// (client-go's processing set), or both (it changed while held, and goes back in on done).
const dirtyFlag = 1;
const processingFlag = 2;

// One entry per key that is dirty or processing; the FIFO holds entries, so taking one needs no
// map lookup.
interface Entry<T> {
  readonly key: unknown;
  // The newest item added for the key (the one handed out next).
  item: T;
  state: number;
  // When a worker took it (metrics only).
  startedAt: number;
}

/**
 * client-go's work queue: a FIFO of items to process in which every item is held by at most one
 * worker at a time.
 *
 * - An item added while it waits is not duplicated (it keeps its place).
 * - An item added while a worker holds it is not handed to a second worker: it is marked dirty
 *   and queued again, at the tail, when the worker calls `done`.
 * - Otherwise items come out in the order they were added.
 *
 * Every `get` that returns an item must be followed by `done(item)`, also on failure.
 *
 * @typeParam T - the item type; strings by default, objects through `keyOf`.
 * @example
 * ```ts
 * const queue = new Queue<string>();
 * queue.add('default/web');
 * queue.add('default/web'); // deduplicated
 * const { item, shutdown } = await queue.get();
 * if (!shutdown) {
 *   try {
 *     await reconcile(item);
 *   } finally {
 *     queue.done(item);
 *   }
 * }
 * ```
 * @since 0.2.0
 */
export class Queue<T = string> {
  /** The queue's name (the `name` label of its metrics), if it has one. */
  readonly name: string | undefined;
  /** The queue's clock. @internal */
  protected readonly clock: WorkqueueClock;
  readonly #keyFor: (item: T) => unknown;
  // Entries in the order they will be handed out: each is dirty and not processing.
  readonly #queue = new FifoBuffer<Entry<T>>();
  // Key -> its entry, while dirty or processing. One map instead of client-go's two sets (and
  // no lookup on take) makes two map operations per add and two per done.
  readonly #entries = new Map<unknown, Entry<T>>();
  #processingCount = 0;
  readonly #metrics: MetricsRecorder | undefined;
  // The `get` calls waiting for an item.
  readonly #waiters = new GetWaiters<T>();
  #dispatchScheduled = false;
  #drainWaiters: (() => void)[] = [];
  #shuttingDown = false;

  /**
   * @param options - a name, a key function, a clock and metrics hooks; all optional.
   * @throws {@link InvalidWorkqueueArgumentError} for metrics without a name.
   */
  constructor(options: QueueOptions<T> = {}) {
    this.name = options.name;
    this.clock = options.clock ?? realClock;
    this.#keyFor = keyResolver(options.keyOf);
    if (options.metrics !== undefined) {
      if (options.name === undefined || options.name === '') {
        throw new InvalidWorkqueueArgumentError('name', 'a queue with metrics needs a name');
      }
      this.#metrics = new MetricsRecorder(options.name, options.metrics, this.clock, () =>
        this.#startTimes(),
      );
    }
  }

  /**
   * Marks an item as needing processing. Does nothing after shutdown, nothing when the item
   * already waits, and only marks it dirty when a worker holds it (its `done` queues it again).
   *
   * @param item - the item.
   * @throws {@link WorkqueueKeyError} when the key function throws (nothing changes).
   */
  add(item: T): void {
    if (this.#shuttingDown) return;
    this.addKeyed(this.#keyFor(item), item);
  }

  /**
   * `add` with the key already computed.
   *
   * @internal
   */
  protected addKeyed(key: unknown, item: T): void {
    if (this.#shuttingDown) return;
    const entry = this.#entries.get(key);
    if (entry === undefined) {
      const added: Entry<T> = { key, item, state: dirtyFlag, startedAt: 0 };
      this.#entries.set(key, added);
      this.#metrics?.added(key);
      this.#push(added);
      return;
    }
    // Same work if already dirty: keep its place, hand out the newest version of the item.
    entry.item = item;
    if ((entry.state & dirtyFlag) === 0) {
      // Held by a worker: its done() queues it again.
      entry.state |= dirtyFlag;
      this.#metrics?.added(key);
    }
  }

  /**
   * Waits for an item to process and marks it as held by the caller. Waiting callers are served
   * first come, first served; an item added while callers wait is handed over in a microtask, so
   * that more adds of it in the same synchronous run are deduplicated. After shutdown it still
   * returns the items that wait, then `{ shutdown: true }` at once, without waiting.
   *
   * @param signal - stops waiting: the promise rejects with `signal.reason` and no item is taken.
   * @returns the item (`shutdown: false`), or `shutdown: true` when shut down and empty.
   */
  get(signal?: AbortSignal): Promise<GetResult<T>> {
    if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason as Error);
    if (this.#queue.length > 0) {
      // Workers already waiting go first; they are served in a microtask.
      if (this.#waiters.length === 0) {
        return Promise.resolve({
          item: this.#take(this.#queue.shift() as Entry<T>),
          shutdown: false,
        });
      }
      this.#scheduleDispatch();
    } else if (this.#shuttingDown) {
      return Promise.resolve(shutdownResult);
    }
    return this.#waiters.wait(signal);
  }

  /**
   * Marks a worker's item as finished. If it was added again meanwhile, it is queued again (at the
   * tail). An item that is not held by a worker is ignored (client-go would queue a duplicate).
   *
   * @param item - an item returned by `get`.
   * @throws {@link WorkqueueKeyError} when the key function throws (nothing changes).
   */
  done(item: T): void {
    const key = this.#keyFor(item);
    const entry = this.#entries.get(key);
    if (entry === undefined || (entry.state & processingFlag) === 0) return;
    this.#processingCount -= 1;
    this.#metrics?.done(entry.startedAt);
    if ((entry.state & dirtyFlag) !== 0) {
      entry.state = dirtyFlag;
      this.#push(entry);
    } else {
      this.#entries.delete(key);
      if (this.#processingCount === 0) this.#releaseDrain();
    }
  }

  /**
   * The number of items waiting to be handed out: neither the items held by workers nor the
   * items added again while held. For information only.
   *
   * @returns the number of waiting items.
   */
  len(): number {
    return this.#queue.length;
  }

  /**
   * Stops accepting items (later `add`s are dropped) and wakes every waiting `get`. Items that
   * wait are still handed out. Does not wait for anything; it also releases a pending
   * `shutDownWithDrain`.
   */
  shutDown(): void {
    this.#shuttingDown = true;
    this.#metrics?.stop();
    this.#wakeAll();
    this.#releaseDrain();
  }

  /**
   * Like `shutDown`, then waits until no item is held by a worker (every `get` was followed by
   * `done`). Items still waiting are not waited for, but the workers keep getting them. A later
   * `shutDown()` stops the wait.
   *
   * @returns a promise that resolves when nothing is being processed.
   */
  shutDownWithDrain(): Promise<void> {
    this.#shuttingDown = true;
    this.#metrics?.stop();
    this.#wakeAll();
    if (this.#processingCount === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.#drainWaiters.push(resolve);
    });
  }

  /**
   * Whether `shutDown` or `shutDownWithDrain` was called.
   *
   * @returns `true` once shutting down.
   */
  shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  /**
   * The key of an item, through the key function.
   *
   * @internal
   */
  protected keyFor(item: T): unknown {
    return this.#keyFor(item);
  }

  /**
   * Counts an `addAfter` call in the retries metric.
   *
   * @internal
   */
  protected recordRetry(): void {
    this.#metrics?.retry();
  }

  // Queues the key at the tail and, when workers wait, schedules handing items to them. The hand-
  // over runs in a microtask, not here: until then the key is still waiting, so more adds of it in
  // the same synchronous run are deduplicated (client-go's woken worker pops the item just as late).
  #push(entry: Entry<T>): void {
    this.#queue.push(entry);
    if (this.#waiters.length > 0) this.#scheduleDispatch();
  }

  #scheduleDispatch(): void {
    if (this.#dispatchScheduled) return;
    this.#dispatchScheduled = true;
    queueMicrotask(this.#dispatch);
  }

  readonly #dispatch = (): void => {
    this.#dispatchScheduled = false;
    this.#handOut();
  };

  // Hands waiting keys to waiting workers, first come, first served.
  #handOut(): void {
    while (this.#queue.length > 0 && this.#waiters.length > 0) {
      const resolve = this.#waiters.next();
      if (resolve === undefined) return;
      resolve({ item: this.#take(this.#queue.shift() as Entry<T>), shutdown: false });
    }
  }

  // Marks a dirty entry as held and returns its item.
  #take(entry: Entry<T>): T {
    entry.state = processingFlag;
    this.#processingCount += 1;
    if (this.#metrics !== undefined) entry.startedAt = this.#metrics.taken(entry.key);
    return entry.item;
  }

  // The take times of the held items, for the unfinished-work metrics.
  *#startTimes(): Iterable<number> {
    for (const entry of this.#entries.values()) {
      if ((entry.state & processingFlag) !== 0) yield entry.startedAt;
    }
  }

  #wakeAll(): void {
    // Items still waiting go to waiting workers first; only the rest learn of the shutdown.
    this.#handOut();
    this.#waiters.resolveAll(shutdownResult);
  }

  #releaseDrain(): void {
    const drainWaiters = this.#drainWaiters;
    if (drainWaiters.length === 0) return;
    this.#drainWaiters = [];
    for (const resolve of drainWaiters) resolve();
  }
}
