import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';

/**
 * A raw answer: status code, headers and the parsed JSON body (or the text when not JSON).
 *
 * @internal
 */
export interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}

/**
 * Sends one request to a plain-HTTP fake server (test helper).
 *
 * @param baseUrl - the server URL.
 * @param method - the HTTP method.
 * @param path - the path with query.
 * @param body - a body, if any: bytes, text, or a value sent as JSON.
 * @param contentType - the body's content type.
 * @returns the answer.
 * @internal
 */
export function sendRequest(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const payload =
      body === undefined
        ? undefined
        : typeof body === 'string' || Buffer.isBuffer(body)
          ? body
          : JSON.stringify(body);
    const request = httpRequest(
      new URL(path, baseUrl),
      {
        method,
        headers:
          payload === undefined
            ? {}
            : { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(payload)) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // Not JSON: keep the text.
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: parsed });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/**
 * A watch event as read off the wire (`object` left as unknown JSON).
 *
 * @internal
 */
export interface WireEvent {
  readonly type: string;
  readonly object: {
    kind?: string;
    metadata?: {
      name?: string;
      resourceVersion?: string;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
    };
    code?: number;
    reason?: string;
  };
}

/**
 * An open watch stream read line by line (test helper).
 *
 * @internal
 */
export interface WatchReader {
  readonly status: number;
  /** Every line parsed so far; a line that is not JSON is kept as `{ type: 'MALFORMED' }`. */
  readonly events: WireEvent[];
  /** Resolves once at least `count` events arrived, or the stream ended. */
  waitFor(count: number): Promise<WireEvent[]>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

/**
 * Opens a watch request and collects its events (test helper).
 *
 * @param baseUrl - the server URL.
 * @param path - the watch path with query.
 * @returns the reader, once the response headers arrived.
 * @internal
 */
export function openWatchStream(baseUrl: string, path: string): Promise<WatchReader> {
  return new Promise((resolve, reject) => {
    const events: WireEvent[] = [];
    let waiters: (() => void)[] = [];
    let finished = false;
    let endResolve: () => void = () => undefined;
    const ended = new Promise<void>((resolveEnd) => {
      endResolve = resolveEnd;
    });
    const notify = (): void => {
      const current = waiters;
      waiters = [];
      for (const waiter of current) waiter();
    };
    const request = httpRequest(new URL(path, baseUrl), (response) => {
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          if (line.trim() !== '') {
            try {
              events.push(JSON.parse(line) as WireEvent);
            } catch {
              events.push({ type: 'MALFORMED', object: {} });
            }
          }
          newline = buffer.indexOf('\n');
        }
        notify();
      });
      const finish = (): void => {
        finished = true;
        endResolve();
        notify();
      };
      response.on('end', finish);
      response.on('close', finish);
      resolve({
        status: response.statusCode ?? 0,
        events,
        ended,
        waitFor(count) {
          return new Promise((resolveWait) => {
            const check = (): void => {
              if (events.length >= count || finished) resolveWait(events);
              else waiters.push(check);
            };
            check();
          });
        },
        close() {
          request.destroy();
        },
      });
    });
    request.on('error', (error) => {
      if (!finished) reject(error);
    });
    request.end();
  });
}
