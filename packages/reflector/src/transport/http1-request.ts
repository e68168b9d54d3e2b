import * as http from 'node:http';
import * as https from 'node:https';
import type { RequestCredentials } from './request-credentials';
import { statusError } from './status-error';
import type { TransportResponse } from './transport-types';

/**
 * Sends a GET over HTTP/1.1 (`node:http` or `node:https` with the KubeConfig's agent, so proxies
 * work) and resolves once a 2xx answer's headers arrived.
 *
 * @param url - the request URL.
 * @param credentials - the KubeConfig's options for this request.
 * @param signal - aborts the request and its body.
 * @returns the response.
 * @throws an `ApiStatusError` for a non-2xx answer, or the network error (for example
 *   `code: 'ECONNREFUSED'`).
 * @internal
 */
export async function http1Request(
  url: URL,
  credentials: RequestCredentials,
  signal: AbortSignal,
): Promise<TransportResponse> {
  const send = url.protocol === 'https:' ? https.request : http.request;
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = send(url, { ...credentials.http1Options, signal }, resolve);
    request.once('error', reject);
    request.end();
  });
  const code = response.statusCode ?? 0;
  if (code < 200 || code >= 300) {
    const error = await statusError({
      code,
      retryAfter: response.headers['retry-after'],
      contentType: response.headers['content-type'],
      body: response,
      secrets: credentials.secrets,
    });
    response.destroy();
    throw error;
  }
  return {
    protocol: 'http/1.1',
    connectionHealthChecked: false,
    body: response,
    destroy: (error) => {
      response.destroy(error);
    },
  };
}
