import { request } from 'node:https';

/**
 * Where and as whom {@link apiRequest} talks to the API server.
 *
 * @since 0.1.0
 */
export interface ApiEndpoint {
  /** The server URL, e.g. `https://127.0.0.1:6443`. */
  server: string;
  /** The bearer token. */
  token: string;
  /** The PEM that the server's certificate must chain to. */
  certificateAuthorityPem: string;
}

/**
 * The answer of {@link apiRequest}.
 *
 * @since 0.1.0
 */
export interface ApiResponse {
  status: number;
  /** The body as text. */
  text: string;
}

/**
 * One plain HTTPS request to the API server (no client library in between), for readiness checks
 * and for reading the server's state independently of the code under test.
 *
 * @param endpoint - server, token, CA.
 * @param method - the HTTP method.
 * @param path - the path with query, e.g. `/api/v1/configmaps?limit=500`.
 * @param body - a JSON body, if any (a JSON merge patch for `PATCH`).
 * @param signal - aborts the request.
 * @returns status and body text (any status; the caller decides what is an error).
 * @throws the network error when the request cannot be made.
 * @since 0.1.0
 */
export function apiRequest(
  endpoint: ApiEndpoint,
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const outgoing = request(
      new URL(path, endpoint.server),
      {
        method,
        ca: endpoint.certificateAuthorityPem,
        headers: {
          authorization: `Bearer ${endpoint.token}`,
          accept: 'application/json',
          // A PATCH is sent as a JSON merge patch, the one patch type every resource accepts.
          ...(payload === undefined
            ? {}
            : {
                'content-type':
                  method === 'PATCH' ? 'application/merge-patch+json' : 'application/json',
              }),
        },
        ...(signal === undefined ? {} : { signal }),
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.once('end', () => {
          resolve({ status: response.statusCode ?? 0, text });
        });
        response.once('error', reject);
      },
    );
    outgoing.once('error', reject);
    outgoing.end(payload);
  });
}
