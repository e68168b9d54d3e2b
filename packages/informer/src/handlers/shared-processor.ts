import type { Notification } from './notification';
import type { ProcessorListener } from './processor-listener';

/**
 * The handlers of one informer (client-go's `sharedProcessor`): hands each notification to every
 * handler's queue, resync notifications only to the handlers due for one, and runs their delivery
 * loops.
 *
 * @internal
 */
export class SharedProcessor<T> {
  /** Each listener, and whether it is due for the resync in progress. */
  readonly #listeners = new Map<ProcessorListener<T>, boolean>();
  readonly #loops = new Map<ProcessorListener<T>, Promise<void>>();
  #running = false;

  /** The registered listeners. */
  get listeners(): readonly ProcessorListener<T>[] {
    return [...this.#listeners.keys()];
  }

  addListener(listener: ProcessorListener<T>): void {
    // Syncing until a resync check says otherwise, as client-go: with resync off no check ever
    // runs, so every handler sees a relist's unchanged objects as updates.
    this.#listeners.set(listener, true);
    if (this.#running) this.#start(listener);
  }

  /** Removes and stops a listener; a listener not registered (any more) is ignored. */
  removeListener(listener: ProcessorListener<T>): void {
    if (!this.#listeners.delete(listener)) return;
    listener.stop();
  }

  has(listener: ProcessorListener<T>): boolean {
    return this.#listeners.has(listener);
  }

  /** Queues a notification for every listener, or only the syncing ones when `isSync`. */
  distribute(notification: Notification<T>, isSync: boolean): void {
    for (const [listener, syncing] of this.#listeners) {
      if (!isSync || syncing) listener.add(notification);
    }
  }

  /** Marks which listeners are due for a resync now; `true` when any is. */
  shouldResync(now: number): boolean {
    let needed = false;
    for (const listener of this.#listeners.keys()) {
      const due = listener.shouldResync(now);
      this.#listeners.set(listener, due);
      if (due) {
        needed = true;
        listener.determineNextResync(now);
      }
    }
    return needed;
  }

  /** Starts every listener's delivery loop (and those added later). */
  run(): void {
    this.#running = true;
    for (const listener of this.#listeners.keys()) this.#start(listener);
  }

  /** Stops every listener and waits for their loops (a call in progress finishes first). */
  async stop(): Promise<void> {
    this.#running = false;
    for (const listener of this.#listeners.keys()) listener.stop();
    await Promise.all(this.#loops.values());
  }

  #start(listener: ProcessorListener<T>): void {
    const loop = listener.run().finally(() => {
      this.#loops.delete(listener);
    });
    this.#loops.set(listener, loop);
  }
}
