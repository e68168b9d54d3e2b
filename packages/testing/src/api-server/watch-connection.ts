import type { Status } from '@kube-cache/indexer';
import type { ObjectFilter } from '../cluster/object-filter';
import {
  changeSeenThrough,
  expiredWatchStatus,
  initialBodies,
  replayedChanges,
} from '../cluster/watch-events';
import type { WatchStart } from '../cluster/watch-events';
import type { ChangeEvent } from '../cluster/change-event';
import type { ObjectStore } from '../cluster/object-store';
import { apiVersionOf } from '../cluster/resource-definition';
import type { ResourceStore } from '../cluster/resource-store';
import type { ApiResponse } from './http-exchange';

/**
 * The options of one watch connection.
 */
export interface WatchConnectionOptions {
  readonly objects: ObjectStore;
  readonly store: ResourceStore;
  readonly filter: ObjectFilter;
  readonly response: ApiResponse;
  readonly start: WatchStart;
  readonly bookmarkIntervalMilliseconds: number | undefined;
  readonly timeoutMilliseconds: number | undefined;
  readonly onClose: (connection: WatchConnection) => void;
  /** Prints an object's JSON (list-item form) as the event object; by default the object itself. */
  readonly printer?: ((body: string) => string) | undefined;
}

const chunkSize = 256;

/**
 * One open watch stream: newline-delimited JSON events with the server's filtering rules,
 * history replay, synthetic initial events written with backpressure, and periodic bookmarks.
 */
export class WatchConnection {
  readonly #options: WatchConnectionOptions;
  readonly #typePrefix: string;
  #pending: string[] = [];
  #live = false;
  #closed = false;
  #unsubscribe: (() => void) | undefined;
  readonly #timers: NodeJS.Timeout[] = [];

  /**
   * @param options - what to watch and where to write.
   */
  constructor(options: WatchConnectionOptions) {
    this.#options = options;
    const definition = options.store.definition;
    this.#typePrefix = `{"kind":${JSON.stringify(definition.kind)},"apiVersion":${JSON.stringify(apiVersionOf(definition))},`;
  }

  /** Starts the stream: headers now, then the initial events or history, then live events. */
  open(): void {
    const { objects, store, response, start } = this.#options;
    response.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
    });
    response.flushHeaders?.();
    response.on('close', () => this.close());
    const expired = expiredWatchStatus(objects, start);
    if (expired !== undefined) {
      this.#writeError(expired);
      this.close();
      return;
    }
    // Subscribe first, in the same tick as the snapshot, so that no change falls in between.
    this.#unsubscribe = objects.subscribe(store, (event) => this.#onChange(event));
    const snapshotResourceVersion = objects.resourceVersion;
    const lines =
      start.type === 'from'
        ? this.#replayLines(start.resourceVersion)
        : this.#initialLines(snapshotResourceVersion, start.type === 'streaming');
    if (this.#options.bookmarkIntervalMilliseconds !== undefined) {
      const timer = setInterval(() => this.#bookmark(), this.#options.bookmarkIntervalMilliseconds);
      timer.unref();
      this.#timers.push(timer);
    }
    if (this.#options.timeoutMilliseconds !== undefined) {
      const timer = setTimeout(() => this.close(), this.#options.timeoutMilliseconds);
      timer.unref();
      this.#timers.push(timer);
    }
    void this.#sendInitial(lines);
  }

  /** Ends the stream cleanly (idempotent). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe?.();
    for (const timer of this.#timers) clearTimeout(timer);
    if (!this.#options.response.writableEnded) this.#options.response.end();
    this.#options.onClose(this);
  }

  /** Writes a line that is not JSON, to test clients' handling of a corrupt stream. */
  sendMalformedLine(): void {
    this.#write('{"type":"MODIFIED","object":{"kind": this is not JSON\n');
  }

  /** Drops the connection without ending the response properly. */
  destroy(): void {
    this.#options.response.destroy();
    this.close();
  }

  #write(text: string): boolean {
    if (this.#closed || this.#options.response.writableEnded) return true;
    return this.#options.response.write(text);
  }

  #writeError(status: Status): void {
    this.#write(`{"type":"ERROR","object":${JSON.stringify(status)}}\n`);
  }

  #line(type: string, body: string): string {
    const printer = this.#options.printer;
    if (printer !== undefined) return `{"type":"${type}","object":${printer(body)}}\n`;
    return `{"type":"${type}","object":${this.#typePrefix}${body.slice(1)}}\n`;
  }

  #bookmark(): void {
    if (this.#live) this.#write(this.#bookmarkLine(false, this.#options.objects.resourceVersion));
  }

  #bookmarkLine(initialEventsEnd: boolean, resourceVersion: number): string {
    const metadata = initialEventsEnd
      ? `{"resourceVersion":"${resourceVersion}","creationTimestamp":null,"annotations":{"k8s.io/initial-events-end":"true"}}`
      : `{"resourceVersion":"${resourceVersion}","creationTimestamp":null}`;
    return `{"type":"BOOKMARK","object":${this.#typePrefix}"metadata":${metadata}}}\n`;
  }

  *#initialLines(resourceVersion: number, streaming: boolean): Generator<string> {
    const { store, filter } = this.#options;
    for (const body of initialBodies(store, filter, resourceVersion))
      yield this.#line('ADDED', body);
    if (streaming) yield this.#bookmarkLine(true, resourceVersion);
  }

  *#replayLines(resourceVersion: number): Generator<string> {
    const { objects, store, filter } = this.#options;
    for (const seen of replayedChanges(objects, store, filter, resourceVersion)) {
      yield this.#line(seen.type, seen.body);
    }
  }

  async #sendInitial(lines: Iterable<string>): Promise<void> {
    let chunk: string[] = [];
    for (const line of lines) {
      chunk.push(line);
      if (chunk.length < chunkSize) continue;
      const flushed = this.#write(chunk.join(''));
      chunk = [];
      if (!flushed) await this.#drained();
      if (this.#closed) return;
    }
    if (chunk.length > 0) this.#write(chunk.join(''));
    // Live changes that came while the initial events were being written follow them.
    for (const line of this.#pending) this.#write(line);
    this.#pending = [];
    this.#live = true;
  }

  #drained(): Promise<void> {
    const response = this.#options.response;
    return new Promise((resolve) => {
      const done = (): void => {
        response.off('drain', done);
        response.off('close', done);
        resolve();
      };
      response.on('drain', done);
      response.on('close', done);
    });
  }

  #onChange(event: ChangeEvent): void {
    if (this.#closed) return;
    // A watch from a resourceVersion the server has not reached yet starts after it.
    const start = this.#options.start;
    if (start.type === 'from' && event.resourceVersion <= start.resourceVersion) return;
    const line = this.#eventLine(event);
    if (line === undefined) return;
    if (this.#live) this.#write(line);
    else this.#pending.push(line);
  }

  #eventLine(event: ChangeEvent): string | undefined {
    const seen = changeSeenThrough(this.#options.filter, event);
    return seen === undefined ? undefined : this.#line(seen.type, seen.body);
  }
}
