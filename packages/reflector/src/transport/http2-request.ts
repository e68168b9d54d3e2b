import * as http2 from 'node:http2';
import type { Http2Connection } from './http2-connection';
import { statusError } from './status-error';
import type { TransportResponse } from './transport-types';

// Errors of requests the server did not process (RST_STREAM REFUSED_STREAM, or a stream the
// server's GOAWAY left out): safe to send again (RFC 9113 8.7).
const notProcessed = new WeakSet<Error>();

/**
 * Whether a request failed before the server processed it, so that sending it again is safe.
 *
 * @param error - a request's error.
 * @returns `true` for a refused stream.
 * @internal
 */
export function wasNotProcessed(error: unknown): boolean {
  return error instanceof Error && notProcessed.has(error);
}

/**
 * Sends a GET on an HTTP/2 session whose stream slot the caller reserved, and resolves once a 2xx
 * answer's headers arrived. The slot is given back when the stream closes.
 *
 * @param connection - the session, with a slot reserved.
 * @param url - the request URL.
 * @param parts - the request headers, the credential values to keep out of error text, and the
 *   signal that aborts the request and its body.
 * @returns the response.
 * @throws an `ApiStatusError` for a non-2xx answer; a `ConnectionLostError` when the session
 *   dies first; `signal.reason` when it aborts.
 * @internal
 */
export async function http2Request(
  connection: Http2Connection,
  url: URL,
  parts: {
    headers: Record<string, string | string[]>;
    secrets: readonly string[];
    signal: AbortSignal;
  },
): Promise<TransportResponse> {
  const { signal } = parts;
  let stream: http2.ClientHttp2Stream;
  try {
    stream = connection.session.request(
      { ...parts.headers, ':method': 'GET', ':path': `${url.pathname}${url.search}` },
      { endStream: true },
    );
  } catch (error) {
    connection.release();
    throw connection.lossFor(error) ?? error;
  }
  stream.once('close', () => connection.release());
  const onAbort = (): void => {
    // CANCEL tells the server; destroying with the reason ends the body's reader with it.
    stream.close(http2.constants.NGHTTP2_CANCEL);
    stream.destroy(abortReason(signal));
  };
  signal.addEventListener('abort', onAbort, { once: true });
  stream.once('close', () => signal.removeEventListener('abort', onAbort));
  const translate = (error: unknown): Error => {
    if (signal.aborted) return abortReason(signal);
    const translated = connection.lossFor(error) ?? error;
    return translated instanceof Error ? translated : new Error(String(translated));
  };

  const headers = await new Promise<http2.IncomingHttpHeaders & http2.IncomingHttpStatusHeader>(
    (resolve, reject) => {
      const onError = (error: unknown): void => {
        const translated = translate(error);
        const refused =
          stream.rstCode === http2.constants.NGHTTP2_REFUSED_STREAM ||
          (error as { code?: unknown }).code === 'ERR_HTTP2_GOAWAY_SESSION';
        if (refused && !signal.aborted) notProcessed.add(translated);
        reject(translated);
      };
      stream.once('error', onError);
      stream.once('close', () =>
        reject(translate(new Error('the stream closed before its answer'))),
      );
      stream.once('response', (received) => {
        stream.off('error', onError);
        resolve(received);
      });
      if (signal.aborted) onAbort();
    },
  );
  // Errors after the answer surface through the body; this listener only keeps them off the
  // process's 'error' path.
  stream.on('error', () => undefined);
  connection.markRead();
  const code = headers[':status'] ?? 0;
  if (code < 200 || code >= 300) {
    const error = await statusError({
      code,
      retryAfter: headers['retry-after'],
      contentType: headers['content-type'],
      body: stream,
      secrets: parts.secrets,
    });
    stream.destroy();
    throw error;
  }
  return {
    protocol: 'h2',
    connectionHealthChecked: connection.healthChecked,
    body: responseBody(stream, connection, translate),
    destroy: (error) => {
      stream.destroy(error);
    },
  };
}

function responseBody(
  stream: http2.ClientHttp2Stream,
  connection: Http2Connection,
  translate: (error: unknown) => Error,
): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      const inner = stream[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
      const onChunk = (result: IteratorResult<Uint8Array>): IteratorResult<Uint8Array> => {
        if (result.done !== true) connection.markRead();
        return result;
      };
      const onFailure = (error: unknown): never => {
        throw translate(error);
      };
      return {
        next: () => inner.next().then(onChunk, onFailure),
        return: async () => {
          // Leaving early cancels the stream (RST_STREAM CANCEL), freeing the slot.
          stream.destroy();
          await inner.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error
    ? reason
    : new DOMException('the request was aborted', 'AbortError');
}
