// Test support (not published): a lister-watcher whose every answer the test scripts, for the
// ports of client-go's reflector tests, and a recording store.
import { DeletedFinalStateUnknown } from '@kube-cache/indexer';
import type {
  KubeObject,
  ListerWatcher,
  ListOptions,
  ListResult,
  WatchEvent,
} from '@kube-cache/indexer';
import type { ReflectorStore } from './reflector-types';

/** A test object. */
export interface TestObject extends KubeObject {
  metadata: {
    name: string;
    namespace?: string;
    resourceVersion: string;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
}

/** Builds a Pod-like test object. */
export function pod(name: string, resourceVersion: string, namespace = 'default'): TestObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, resourceVersion } };
}

/** A bookmark event. */
export function bookmark(
  resourceVersion: string,
  initialEventsEnd = false,
): WatchEvent<TestObject> {
  const metadata: TestObject['metadata'] = { name: '', resourceVersion };
  if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
  return { type: 'BOOKMARK', object: { apiVersion: 'v1', kind: 'Pod', metadata } };
}

type Entry<T> = { event: WatchEvent<T> } | { end: true } | { error: unknown };

/** One scripted watch stream: the test pushes events, closes it or fails it. */
export class WatchStream<T> implements AsyncIterable<WatchEvent<T>> {
  readonly options: ListOptions;
  readonly signal: AbortSignal;
  readonly #queue: Entry<T>[] = [];
  #wake: (() => void) | undefined;

  constructor(options: ListOptions, signal: AbortSignal) {
    this.options = options;
    this.signal = signal;
    signal.addEventListener('abort', () => this.#wake?.(), { once: true });
  }

  push(...events: (WatchEvent<T> | Record<string, unknown>)[]): void {
    for (const event of events) this.#queue.push({ event: event as WatchEvent<T> });
    this.#wake?.();
  }

  close(): void {
    this.#queue.push({ end: true });
    this.#wake?.();
  }

  fail(error: unknown): void {
    this.#queue.push({ error });
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<WatchEvent<T>> {
    for (;;) {
      while (this.#queue.length === 0 && !this.signal.aborted) {
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        this.#wake = undefined;
      }
      if (this.signal.aborted) throw new DOMException('aborted', 'AbortError');
      const entry = this.#queue.shift();
      if (entry === undefined || 'end' in entry) return;
      if ('error' in entry) throw entry.error;
      yield entry.event;
    }
  }
}

/** A lister-watcher whose answers are scripted with `onList` / `onWatch`. */
export class ScriptedListerWatcher<T> implements ListerWatcher<T> {
  readonly listCalls: ListOptions[] = [];
  readonly watchCalls: ListOptions[] = [];
  readonly streams: WatchStream<T>[] = [];
  onList: (options: ListOptions, call: number) => ListResult<T> | Promise<ListResult<T>> = () => ({
    items: [],
    resourceVersion: '1',
  });
  /** May throw to refuse the watch; may push events onto the stream before it is returned. */
  onWatch: (stream: WatchStream<T>, call: number) => void | Promise<void> = () => undefined;

  async list(options: ListOptions, signal: AbortSignal): Promise<ListResult<T>> {
    signal.throwIfAborted();
    this.listCalls.push(options);
    return this.onList(options, this.listCalls.length - 1);
  }

  async watch(options: ListOptions, signal: AbortSignal): Promise<AsyncIterable<WatchEvent<T>>> {
    signal.throwIfAborted();
    this.watchCalls.push(options);
    const stream = new WatchStream<T>(options, signal);
    this.streams.push(stream);
    await this.onWatch(stream, this.watchCalls.length - 1);
    return stream;
  }

  /** The most recent watch stream. */
  get lastStream(): WatchStream<T> {
    const stream = this.streams.at(-1);
    if (stream === undefined) throw new Error('no watch was opened');
    return stream;
  }
}

/** A store that keeps objects by namespace/name and records every call. */
export class RecordingStore<T extends KubeObject> implements ReflectorStore<T> {
  readonly objects = new Map<string, T>();
  readonly calls: string[] = [];
  replaceCalls: { items: readonly T[]; resourceVersion: string }[] = [];
  resyncCount = 0;

  static key(object: KubeObject): string {
    return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
  }

  add(object: T): void {
    this.calls.push(`add ${RecordingStore.key(object)}@${object.metadata?.resourceVersion ?? ''}`);
    this.objects.set(RecordingStore.key(object), object);
  }

  update(object: T): void {
    this.calls.push(
      `update ${RecordingStore.key(object)}@${object.metadata?.resourceVersion ?? ''}`,
    );
    this.objects.set(RecordingStore.key(object), object);
  }

  delete(object: T | DeletedFinalStateUnknown<T>): void {
    const target = DeletedFinalStateUnknown.isInstance<T>(object) ? object.object : object;
    this.calls.push(`delete ${RecordingStore.key(target)}`);
    this.objects.delete(RecordingStore.key(target));
  }

  replace(items: readonly T[], resourceVersion: string): void {
    this.calls.push(`replace ${items.length}@${resourceVersion}`);
    this.replaceCalls.push({ items, resourceVersion });
    this.objects.clear();
    for (const item of items) this.objects.set(RecordingStore.key(item), item);
  }

  resync(): void {
    this.resyncCount += 1;
    this.calls.push('resync');
  }

  /** name -> resourceVersion, sorted by name. */
  versions(): Record<string, string> {
    const entries = [...this.objects.values()].map((object): [string, string] => [
      object.metadata?.name ?? '',
      object.metadata?.resourceVersion ?? '',
    ]);
    return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
  }
}
