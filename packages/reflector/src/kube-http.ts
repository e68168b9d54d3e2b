import * as http from 'node:http';
import * as https from 'node:https';
import { ApiStatusError } from '@kube-cache/indexer';
import { InvalidListWatchConfigError } from './invalid-list-watch-config-error';

/**
 * The part of `@kubernetes/client-node`'s `KubeConfig` that kube-cache uses, in both 1.x and 2.x:
 * the current cluster's server URL and `applyToHTTPSOptions`, which fills in the credentials, the
 * TLS settings and the agent (including proxies) for a `node:https` request.
 *
 * @since 0.1.0
 */
export interface KubeConfigLike {
  /** The current context's cluster; only `server` is read. */
  getCurrentCluster(): { server: string } | null;
  /** Adds credentials, TLS options and an agent (proxy-aware) to a request's options. */
  applyToHTTPSOptions(options: https.RequestOptions): Promise<void>;
}

/**
 * The server URL of the KubeConfig's current cluster.
 *
 * @param kubeConfig - the KubeConfig.
 * @returns the server URL.
 * @throws {@link InvalidListWatchConfigError} when there is no current cluster.
 * @since 0.1.0
 */
export function currentServer(kubeConfig: KubeConfigLike): string {
  const cluster = kubeConfig.getCurrentCluster();
  if (cluster === null || cluster.server === '') {
    throw new InvalidListWatchConfigError(
      'the KubeConfig has no current cluster with a server URL',
    );
  }
  return cluster.server;
}

/**
 * Sends a GET with the KubeConfig's authentication and resolves with the response once its
 * status is 2xx.
 *
 * @param kubeConfig - credentials, TLS and agent.
 * @param url - the request URL.
 * @param signal - aborts the request and its response body.
 * @returns the response, its body not yet read.
 * @throws an `ApiStatusError` for a non-2xx answer (with the server's `Status` when it sent one),
 *   or the network error (for example `code: 'ECONNREFUSED'`).
 * @since 0.1.0
 */
export async function kubeGet(
  kubeConfig: KubeConfigLike,
  url: URL,
  signal: AbortSignal,
): Promise<http.IncomingMessage> {
  const options: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
  await kubeConfig.applyToHTTPSOptions(options);
  signal.throwIfAborted();
  const send = url.protocol === 'https:' ? https.request : http.request;
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = send(url, { ...options, signal }, resolve);
    request.once('error', reject);
    request.end();
  });
  const code = response.statusCode ?? 0;
  if (code >= 200 && code < 300) return response;
  throw await statusError(response, code);
}

/**
 * Reads a whole response body as text.
 *
 * @param response - the response.
 * @returns the body.
 * @since 0.1.0
 */
export async function readBody(response: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function statusError(response: http.IncomingMessage, code: number): Promise<ApiStatusError> {
  let text = '';
  try {
    text = await readBody(response);
  } catch (error) {
    return new ApiStatusError(code, { message: `the API server answered ${code}`, cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    return new ApiStatusError(code, { status: parsed });
  }
  const detail = text.trim() === '' ? (response.statusMessage ?? '') : text.trim().slice(0, 200);
  return new ApiStatusError(code, { message: `the API server answered ${code}: ${detail}` });
}
