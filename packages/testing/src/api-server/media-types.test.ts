// Request bodies the fake cannot decode get what a real server answers for an unsupported media
// type: 415 with a Status naming what it accepts, not a 400 about invalid JSON.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeApiServer } from './fake-api-server';
import { sendRequest } from './http-test-client.test-support';
import { encodeMessage, envelope } from './protobuf-writer.test-support';

const configMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'demo', namespace: 'default' },
  data: { a: '1' },
};
// Protobuf as kubectl sends it for a built-in kind, here one the fake does not decode.
const protobufBody = envelope('v1', 'Secret', encodeMessage([[1, [[1, 'demo']]]]));

describe('FakeApiServer request media types', () => {
  let server: FakeApiServer;

  beforeEach(async () => {
    server = await FakeApiServer.start();
  });

  afterEach(async () => {
    await server.close();
  });

  it.each([
    ['POST', '/api/v1/namespaces/default/configmaps', 'application/vnd.kubernetes.protobuf'],
    ['PUT', '/api/v1/namespaces/default/configmaps/demo', 'application/vnd.kubernetes.protobuf'],
    ['POST', '/api/v1/namespaces/default/configmaps', 'application/yaml'],
    ['POST', '/api/v1/namespaces/default/configmaps', 'text/plain'],
  ])(
    'should answer %s %s with a %s body with 415 naming the accepted types',
    async (method, path, type) => {
      if (method === 'PUT') server.create(configMap);
      const answer = await sendRequest(server.url, method, path, protobufBody, type);
      expect(answer.status).toBe(415);
      expect(answer.headers['content-type']).toBe('application/json');
      expect(answer.body).toMatchObject({
        kind: 'Status',
        status: 'Failure',
        reason: 'UnsupportedMediaType',
        code: 415,
        message: expect.stringContaining('accepted media types include: application/json'),
      });
      expect(server.list('v1', 'ConfigMap', 'default')).toHaveLength(method === 'PUT' ? 1 : 0);
    },
  );

  it('should decode JSON with parameters or without a Content-Type', async () => {
    const created = await sendRequest(
      server.url,
      'POST',
      '/api/v1/namespaces/default/configmaps',
      configMap,
      'application/json; charset=utf-8',
    );
    expect(created.status).toBe(201);
    const bare = await sendRequest(
      server.url,
      'POST',
      '/api/v1/namespaces/default/configmaps',
      { ...configMap, metadata: { name: 'bare', namespace: 'default' } },
      '',
    );
    expect(bare.status).toBe(201);
  });

  it('should still answer JSON that does not parse with 400', async () => {
    const answer = await sendRequest(
      server.url,
      'POST',
      '/api/v1/namespaces/default/configmaps',
      '{"kind": ',
      'application/json',
    );
    expect(answer).toMatchObject({ status: 400, body: { reason: 'BadRequest' } });
  });

  it('should name the patch types for a PATCH of another type', async () => {
    server.create(configMap);
    const answer = await sendRequest(
      server.url,
      'PATCH',
      '/api/v1/namespaces/default/configmaps/demo',
      '{}',
      'application/apply-patch+yaml',
    );
    expect(answer.status).toBe(415);
    expect(answer.body).toMatchObject({
      message: expect.stringContaining(
        'application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json',
      ),
    });
  });
});
