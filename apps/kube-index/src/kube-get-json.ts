import * as http from 'node:http';
import * as https from 'node:https';
import { ApiStatusError } from '@kube-cache/indexer';
import type { Status } from '@kube-cache/indexer';
import type { KubeConfigLike } from '@kube-cache/reflector';

/**
 * GETs a JSON document from the API server of the KubeConfig's current context, with its
 * credentials and TLS settings (used for discovery; lists and watches go through the reflector).
 *
 * @param kubeConfig - the KubeConfig.
 * @param path - the path, for example `/apis`.
 * @param signal - aborts the request.
 * @returns the parsed body.
 * @throws `ApiStatusError` for a non-2xx answer (with the server's Status when it sent one), the
 *   network error (`code: 'ECONNREFUSED'` ...) when the server cannot be reached, or a
 *   `SyntaxError` for a body that is not JSON.
 */
export async function kubeGetJson(
  kubeConfig: KubeConfigLike,
  path: string,
  signal: AbortSignal,
): Promise<unknown> {
  const server = kubeConfig.getCurrentCluster()?.server ?? '';
  const url = new URL(server);
  // A server URL with a path prefix (behind a proxy) keeps it.
  url.pathname = `${url.pathname.replace(/\/$/, '')}${path}`;
  const options: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
  await kubeConfig.applyToHTTPSOptions(options);
  const send = url.protocol === 'https:' ? https.request : http.request;
  const { code, body } = await new Promise<{ code: number; body: string }>((resolve, reject) => {
    const request = send(url, { ...options, signal }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () =>
        resolve({ code: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.once('error', reject);
    });
    request.once('error', reject);
    request.end();
  });
  if (code >= 200 && code < 300) return JSON.parse(body) as unknown;
  throw new ApiStatusError(code, {
    status: parseStatus(body),
    message: `GET ${path} answered ${code}`,
  });
}

function parseStatus(body: string): Status | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      (parsed as { kind?: unknown }).kind === 'Status'
    )
      return parsed;
  } catch {
    // Not JSON (a proxy's HTML page, say): the code alone has to do.
  }
  return undefined;
}
