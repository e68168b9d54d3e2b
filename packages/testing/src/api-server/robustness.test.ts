// "Never a crash": arbitrary requests get a proper answer, and the server keeps serving.
import fc from 'fast-check';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeApiServer } from './fake-api-server';
import { sendRequest } from './http-test-client.test-support';

const pathArbitrary = fc.oneof(
  fc.constantFrom(
    '/api/v1/pods',
    '/api/v1/namespaces/default/pods',
    '/api/v1/namespaces/default/pods/p',
    '/api/v1/namespaces/default/configmaps/c',
    '/api/v1/namespaces/default',
    '/api/v1/nodes/n',
    '/api/v1/watch/pods',
    '/api/v1/namespaces/%E0%A4%A/pods',
    '/api/v1/pods/p',
    '/apis/unknown/v1/things',
    '/openapi/v3/api/v1',
    '/openapi/v2',
    '/',
  ),
  fc
    .array(fc.constantFrom('api', 'v1', 'namespaces', 'default', 'pods', 'watch', '%zz', '', 'x'), {
      maxLength: 6,
    })
    .map((parts) => `/${parts.join('/')}`),
);

const queryArbitrary = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        'watch',
        'limit',
        'continue',
        'resourceVersion',
        'resourceVersionMatch',
        'labelSelector',
        'fieldSelector',
        'timeoutSeconds',
        'sendInitialEvents',
        'allowWatchBookmarks',
      ),
      fc.constantFrom(
        'true',
        'false',
        '0',
        '1',
        '-1',
        '999999999',
        'abc',
        'Exact',
        'NotOlderThan',
        'a=b',
        'a in (',
        'metadata.name=p',
        '',
        '%',
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) =>
    pairs.length === 0 ? '' : `?${pairs.map(([key, value]) => `${key}=${value}`).join('&')}`,
  );

const bodyArbitrary = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(
    '{',
    '[]',
    'null',
    '"text"',
    '42',
    '{"metadata":null}',
    '{"metadata":{"name":7}}',
    '{"metadata":{"labels":{"a":1}}}',
  ),
  fc
    .record({
      metadata: fc.record(
        {
          name: fc.constantFrom('p', 'c', 'n', 'Bad_Name', ''),
          namespace: fc.constantFrom('default', 'other'),
        },
        { requiredKeys: [] },
      ),
    })
    .map((body) => JSON.stringify(body)),
  fc.constant(JSON.stringify([{ op: 'add', path: '/metadata/labels', value: {} }])),
);

function rawRequest(
  url: string,
  method: string,
  path: string,
  body: string | undefined,
  contentType: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'Content-Type': contentType };
    if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
    const request = httpRequest(new URL(url), { method, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      // A watch stays open: take what arrived and hang up.
      const timer = setTimeout(() => response.destroy(), 50);
      const finish = (): void => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() });
      };
      response.on('end', finish);
      response.on('close', finish);
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('FakeApiServer robustness', () => {
  let server: FakeApiServer;

  beforeAll(async () => {
    server = await FakeApiServer.start();
    server.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' } });
  });

  afterAll(async () => {
    await server.close();
  });

  it('should answer any request with a status and a Status body for errors, and keep serving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
        pathArbitrary,
        queryArbitrary,
        bodyArbitrary,
        fc.constantFrom(
          'application/json',
          'application/merge-patch+json',
          'application/strategic-merge-patch+json',
          'application/json-patch+json',
          'text/plain',
        ),
        async (method, path, query, body, contentType) => {
          const answer = await rawRequest(
            server.url,
            method,
            `${path}${query}`.replace(/ /g, '%20'),
            body,
            contentType,
          );
          expect([200, 201, 400, 404, 405, 409, 410, 415, 422, 504]).toContain(answer.status);
          if (answer.status >= 400) {
            expect(JSON.parse(answer.body)).toMatchObject({
              kind: 'Status',
              status: 'Failure',
              code: answer.status,
            });
          }
        },
      ),
      { numRuns: 300 },
    );
    const version = await sendRequest(server.url, 'GET', '/version');
    expect(version.status).toBe(200);
  });
});
