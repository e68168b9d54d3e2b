import { inspect } from 'node:util';
import { ApiStatusError } from '@kube-cache/indexer';
import { afterEach, describe, expect, it } from 'vitest';
import { createListWatch } from '../list-watch/list-watch';
import { Http2TestServer } from './http2-test-server.test-support';
import type { TestHandler } from './http2-test-server.test-support';
import { KubeTransport } from './kube-transport';
import type { TransportProtocolPreference } from './transport-types';

const configMaps = { apiVersion: 'v1', plural: 'configmaps' };
const token = 'sha256~Secret-Bearer-Token-0123456789';
let server: Http2TestServer | undefined;
const transports: KubeTransport[] = [];
const controller = new AbortController();

afterEach(async () => {
  await Promise.all(transports.splice(0).map((transport) => transport.close()));
  await server?.close();
  server = undefined;
});

async function failure(
  handler: TestHandler,
  protocol: TransportProtocolPreference = 'auto',
): Promise<ApiStatusError> {
  server = await Http2TestServer.start({ handler });
  const kubeConfig = server.kubeConfig({ token });
  const transport = new KubeTransport({ kubeConfig, protocol });
  transports.push(transport);
  const error: unknown = await createListWatch(kubeConfig, configMaps, { transport })
    .list({}, controller.signal)
    .then(
      () => undefined,
      (caught: unknown) => caught,
    );
  if (!ApiStatusError.isInstance(error))
    throw new Error(`expected an ApiStatusError: ${String(error)}`);
  return error;
}

/** Every way an error may be shown: message, string, stack, inspect, JSON. */
function everyRendering(error: ApiStatusError): string {
  return [
    error.message,
    String(error),
    error.stack,
    inspect(error, { depth: 10 }),
    JSON.stringify(error),
  ].join('\n');
}

/** A proxy that echoes the request headers in its error body. */
function echoHeaders(
  code: number,
  contentType: string,
  shape: (headers: string) => string,
): TestHandler {
  return (request, response) => {
    response.writeHead(code, { 'content-type': contentType });
    response.end(shape(JSON.stringify(request.headers)));
  };
}

// Real sockets on a shared, busy machine: generous limits (the checks themselves use no timing).
describe('KubeTransport error answers', { timeout: 30_000 }, () => {
  for (const protocol of ['http2', 'http1'] as const) {
    it(`should never quote a non-Status body that echoes the token (${protocol})`, async () => {
      const error = await failure(
        echoHeaders(502, 'text/html; charset=utf-8', (headers) => `<html>${headers}</html>`),
        protocol,
      );

      expect(error.code).toBe(502);
      expect(error.status).toBeUndefined();
      expect(error.message).toMatch(
        /^the API server answered 502 Bad Gateway with a body of \d+ bytes \(text\/html\) that is not a Status$/,
      );
      expect(everyRendering(error)).not.toContain('Secret-Bearer-Token');
      expect(server?.requests[0]?.httpVersion).toBe(protocol === 'http2' ? '2.0' : '1.1');
    });
  }

  it('should not take a JSON body that is not a Status for one', async () => {
    const error = await failure(
      echoHeaders(403, 'application/json', (headers) => `{"echo":${headers}}`),
    );

    expect(error.status).toBeUndefined();
    expect(everyRendering(error)).not.toContain('Secret-Bearer-Token');
  });

  it('should redact the token from a Status that quotes it', async () => {
    const error = await failure(
      echoHeaders(403, 'application/json', (headers) =>
        JSON.stringify({
          kind: 'Status',
          code: 403,
          reason: 'Forbidden',
          message: `denied: ${headers}`,
        }),
      ),
    );

    expect(error.reason).toBe('Forbidden');
    expect(error.message).toContain('[redacted]');
    expect(everyRendering(error)).not.toContain('Secret-Bearer-Token');
  });

  it('should carry Retry-After seconds of a 429 as retryAfterMilliseconds', async () => {
    const error = await failure((_request, response) => {
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3' });
      response.end(JSON.stringify({ kind: 'Status', code: 429, reason: 'TooManyRequests' }));
    });

    expect(error).toMatchObject({
      code: 429,
      reason: 'TooManyRequests',
      retryAfterMilliseconds: 3000,
    });
  });

  it("should fall back to the Status's details.retryAfterSeconds", async () => {
    const error = await failure((_request, response) => {
      response.writeHead(429, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          kind: 'Status',
          code: 429,
          reason: 'TooManyRequests',
          details: { retryAfterSeconds: 4 },
        }),
      );
    });

    expect(error.retryAfterMilliseconds).toBe(4000);
  });

  it('should ignore a Retry-After that is not whole seconds (as client-go)', async () => {
    const error = await failure((_request, response) => {
      response.writeHead(503, { 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' });
      response.end();
    });

    expect(error).toMatchObject({ code: 503, retryAfterMilliseconds: undefined });
    expect(error.message).toBe(
      'the API server answered 503 Service Unavailable with an empty body',
    );
  });

  it('should stop reading an error body past 1 MiB', async () => {
    const error = await failure((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('x'.repeat(3 * 1024 * 1024));
    });

    expect(error.message).toContain('a body of more than 1048576 bytes (text/plain)');
  });
});
