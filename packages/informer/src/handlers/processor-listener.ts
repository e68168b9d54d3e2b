import { EventHandlerError } from '../errors/event-handler-error';
import type { InformerMetrics } from '../metrics/informer-metrics';
import { Deque } from '../queue/deque';
import { isPromiseLike } from '../queue/queue-support';
import { Wakeup } from '../queue/wakeup';
import type { EventHandlerRegistration } from './event-handler-registration';
import type { Notification } from './notification';
import type { ResourceEventHandler } from './resource-event-handler';

/**
 * The settings of one {@link ProcessorListener}.
 *
 * @internal
 */
export interface ProcessorListenerOptions<T> {
  handler: ResourceEventHandler<T>;
  name: string;
  informerName: string;
  /** The resync period asked for (0: none), after clamping to the minimum. */
  requestedResyncPeriod: number;
  /** The resync period in effect (0: none). */
  resyncPeriod: number;
  now: number;
  upstreamHasSynced: () => boolean;
  onError: (error: EventHandlerError) => void;
  metrics: InformerMetrics | undefined;
}

/**
 * One handler with its own unbounded queue and delivery loop (client-go's `processorListener`):
 * a slow async handler only delays itself, and a throwing one is reported and goes on. Also the
 * handler's registration, with its own `hasSynced`.
 *
 * @internal
 */
export class ProcessorListener<T> implements EventHandlerRegistration {
  readonly name: string;
  readonly requestedResyncPeriod: number;
  readonly #handler: ResourceEventHandler<T>;
  readonly #informerName: string;
  readonly #upstreamHasSynced: () => boolean;
  readonly #onError: (error: EventHandlerError) => void;
  readonly #metrics: InformerMetrics | undefined;
  readonly #buffer = new Deque<Notification<T>>();
  readonly #wakeup = new Wakeup();
  #resyncPeriod: number;
  #nextResync = 0;
  #pendingInitialAdds = 0;
  #stopped = false;

  constructor(options: ProcessorListenerOptions<T>) {
    this.name = options.name;
    this.requestedResyncPeriod = options.requestedResyncPeriod;
    this.#handler = options.handler;
    this.#informerName = options.informerName;
    this.#resyncPeriod = options.resyncPeriod;
    this.#upstreamHasSynced = options.upstreamHasSynced;
    this.#onError = options.onError;
    this.#metrics = options.metrics;
    this.determineNextResync(options.now);
  }

  /** The resync period in effect, in milliseconds (0: none). */
  get resyncPeriod(): number {
    return this.#resyncPeriod;
  }

  /** The number of notifications waiting. */
  get pending(): number {
    return this.#buffer.length;
  }

  hasSynced(): boolean {
    return this.#pendingInitialAdds === 0 && this.#upstreamHasSynced();
  }

  /** Queues a notification; an initial-list add holds `hasSynced` back until delivered. */
  add(notification: Notification<T>): void {
    if (this.#stopped) return;
    if (notification.type === 'add' && notification.isInInitialList) this.#pendingInitialAdds += 1;
    this.#buffer.push(notification);
    this.#metrics?.handlerQueueDepth?.(this.#informerName, this.name, this.#buffer.length);
    this.#wakeup.notify();
  }

  /** Delivers notifications in order until stopped. */
  async run(): Promise<void> {
    while (!this.#stopped) {
      const notification = this.#buffer.shift();
      if (notification === undefined) {
        await this.#wakeup.wait();
        continue;
      }
      this.#metrics?.handlerQueueDepth?.(this.#informerName, this.name, this.#buffer.length);
      const pending = this.#deliver(notification);
      if (pending !== undefined) await pending;
    }
  }

  /** Stops delivery: what is queued is dropped; a call in progress is not interrupted. */
  stop(): void {
    this.#stopped = true;
    this.#buffer.clear();
    this.#wakeup.notify();
  }

  /** Whether this handler is due for a resync at `now` (client-go's `shouldResync`). */
  shouldResync(now: number): boolean {
    return this.#resyncPeriod !== 0 && now >= this.#nextResync;
  }

  /** Schedules the next resync one period after `now`. */
  determineNextResync(now: number): void {
    this.#nextResync = now + this.#resyncPeriod;
  }

  /** Changes the period in effect (when the informer's check period changes before start). */
  setResyncPeriod(period: number): void {
    this.#resyncPeriod = period;
  }

  /** Calls the handler; returns a promise only when the handler returned one. */
  #deliver(notification: Notification<T>): Promise<void> | undefined {
    const started = this.#metrics?.handlerLatency === undefined ? undefined : performance.now();
    let result: unknown;
    try {
      result = this.#call(notification);
    } catch (error) {
      this.#failed(notification, error);
      this.#finished(notification, started);
      return undefined;
    }
    if (!isPromiseLike(result)) {
      this.#finished(notification, started);
      return undefined;
    }
    return Promise.resolve(result).then(
      () => this.#finished(notification, started),
      (error: unknown) => {
        this.#failed(notification, error);
        this.#finished(notification, started);
      },
    );
  }

  #call(notification: Notification<T>): unknown {
    const handler = this.#handler;
    switch (notification.type) {
      case 'add':
        return handler.onAdd?.(notification.object, notification.isInInitialList);
      case 'update':
        return handler.onUpdate?.(notification.oldObject, notification.newObject);
      case 'delete':
        return handler.onDelete?.(notification.object);
    }
  }

  #finished(notification: Notification<T>, started: number | undefined): void {
    if (notification.type === 'add' && notification.isInInitialList) this.#pendingInitialAdds -= 1;
    if (started !== undefined) {
      this.#metrics?.handlerLatency?.(this.#informerName, this.name, performance.now() - started);
    }
  }

  #failed(notification: Notification<T>, error: unknown): void {
    const callback =
      notification.type === 'add'
        ? 'onAdd'
        : notification.type === 'update'
          ? 'onUpdate'
          : 'onDelete';
    this.#metrics?.handlerError?.(this.#informerName, this.name);
    try {
      this.#onError(new EventHandlerError(this.name, callback, error));
    } catch {
      // An error reporter that throws must not stop this handler's delivery loop.
    }
  }
}
