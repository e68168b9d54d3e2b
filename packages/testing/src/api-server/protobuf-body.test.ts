import { ApiStatusError } from '@kube-cache/indexer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeApiServer } from './fake-api-server';
import { sendRequest } from './http-test-client.test-support';
import { decodeProtobufBody, protobufMediaType } from './protobuf-body';
import { encodeMessage, envelope, mapEntry } from './protobuf-writer.test-support';
import type { TestField } from './protobuf-writer.test-support';

const metadata: readonly TestField[] = [
  [1, 'demo'],
  [3, 'default'],
  [8, []], // creationTimestamp: set by the server, dropped
  [11, mapEntry('app', 'web')],
  [11, mapEntry('tier', 'front')],
  [12, mapEntry('note', 'hello')],
  [
    13,
    [
      [1, 'Deployment'],
      [3, 'web'],
      [4, 'uid-1'],
      [5, 'apps/v1'],
      [6, 1n],
    ],
  ],
  [14, 'example.com/cleanup'],
];

const configMapBytes = envelope(
  'v1',
  'ConfigMap',
  encodeMessage([
    [1, metadata],
    [2, mapEntry('a', 'one')],
    [2, mapEntry('b', 'two')],
    [3, mapEntry('blob', Buffer.from([0, 1, 2, 255]))],
    [4, 1n],
  ]),
);

function statusCodeOf(action: () => unknown): number | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return ApiStatusError.isInstance(error) ? error.code : -1;
  }
}

describe('decodeProtobufBody', () => {
  it('should decode a ConfigMap with its metadata into its JSON form', () => {
    expect(decodeProtobufBody(configMapBytes)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'demo',
        namespace: 'default',
        labels: { app: 'web', tier: 'front' },
        annotations: { note: 'hello' },
        ownerReferences: [
          {
            kind: 'Deployment',
            name: 'web',
            uid: 'uid-1',
            apiVersion: 'apps/v1',
            controller: true,
          },
        ],
        finalizers: ['example.com/cleanup'],
      },
      data: { a: 'one', b: 'two' },
      binaryData: { blob: Buffer.from([0, 1, 2, 255]).toString('base64') },
      immutable: true,
    });
  });

  it('should decode a Namespace as kubectl create namespace sends it', () => {
    const body = envelope(
      'v1',
      'Namespace',
      encodeMessage([
        [
          1,
          [
            [1, 'demo'],
            [8, []],
          ],
        ],
        [2, []],
        [3, []],
      ]),
    );
    expect(decodeProtobufBody(body)).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'demo' },
      spec: {},
    });
  });

  it('should keep a "__proto__" map key as data', () => {
    const body = envelope(
      'v1',
      'ConfigMap',
      encodeMessage([
        [1, [[1, 'demo']]],
        [2, mapEntry('__proto__', 'x')],
      ]),
    );
    const decoded = decodeProtobufBody(body) as { data: Record<string, string> };
    expect(Object.hasOwn(decoded.data, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(decoded.data)).toBe(Object.prototype);
  });

  it.each([
    ['another kind', envelope('apps/v1', 'Deployment', encodeMessage([[1, [[1, 'web']]]]))],
    ['a field the fake does not decode', envelope('v1', 'ConfigMap', encodeMessage([[9, 'x']]))],
    ['an encoded payload', envelope('v1', 'ConfigMap', Buffer.alloc(0), 'gzip')],
  ])('should refuse %s with 415', (_name, body) => {
    expect(statusCodeOf(() => decodeProtobufBody(body))).toBe(415);
  });

  it.each([
    ['no envelope', Buffer.from('{"kind":"ConfigMap"}')],
    ['a truncated field', Buffer.concat([configMapBytes.subarray(0, 20)])],
    ['a string where a varint belongs', envelope('v1', 'ConfigMap', encodeMessage([[4, 'yes']]))],
  ])('should refuse %s with 400', (_name, body) => {
    expect(statusCodeOf(() => decodeProtobufBody(body))).toBe(400);
  });
});

describe('FakeApiServer with protobuf bodies', () => {
  let server: FakeApiServer;

  beforeEach(async () => {
    server = await FakeApiServer.start();
  });

  afterEach(async () => {
    await server.close();
  });

  it('should create a ConfigMap sent as protobuf and answer JSON', async () => {
    const answer = await sendRequest(
      server.url,
      'POST',
      '/api/v1/namespaces/default/configmaps',
      configMapBytes,
      protobufMediaType,
    );
    expect(answer.status).toBe(201);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(server.get('v1', 'ConfigMap', 'default', 'demo')).toMatchObject({
      metadata: { labels: { app: 'web', tier: 'front' } },
      data: { a: 'one', b: 'two' },
    });
  });

  it('should answer a protobuf kind it cannot decode with 415 naming what it decodes', async () => {
    const body = envelope('v1', 'Pod', encodeMessage([[1, [[1, 'web']]]]));
    const answer = await sendRequest(
      server.url,
      'POST',
      '/api/v1/namespaces/default/pods',
      body,
      protobufMediaType,
    );
    expect(answer).toMatchObject({
      status: 415,
      body: {
        reason: 'UnsupportedMediaType',
        message: expect.stringMatching(
          /accepted media types include: application\/json, application\/vnd\.kubernetes\.protobuf \(ConfigMap, Namespace, DeleteOptions\)/,
        ),
      },
    });
    expect(server.list('v1', 'Pod')).toEqual([]);
  });
});
