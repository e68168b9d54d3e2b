import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';

/**
 * A request as the handlers see it: HTTP/1.1 (`node:http`) or HTTP/2 (the `node:http2`
 * compatibility API); both read the same way.
 */
export type ApiRequest = IncomingMessage | Http2ServerRequest;

/**
 * The part of a response the handlers use, common to `node:http`'s `ServerResponse` and
 * `node:http2`'s `Http2ServerResponse`, so one handler answers on both protocols.
 */
export interface ApiResponse {
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
  /** Sets the status and headers; HTTP/2 sends them at once. */
  writeHead(statusCode: number, headers?: OutgoingHttpHeaders): ApiResponse;
  /** Writes a chunk; `false` asks the writer to wait for `drain`. */
  write(chunk: string): boolean;
  end(): ApiResponse;
  end(chunk: string): ApiResponse;
  /** HTTP/1.1 only sends buffered headers with the first chunk unless flushed. */
  flushHeaders?(): void;
  /** HTTP/1.1: drops the connection; HTTP/2: resets the stream. */
  destroy(error?: Error): ApiResponse;
  on(event: 'close' | 'drain', listener: () => void): ApiResponse;
  off(event: 'close' | 'drain', listener: () => void): ApiResponse;
}
