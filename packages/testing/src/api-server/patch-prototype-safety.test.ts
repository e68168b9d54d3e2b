// Hostile patches sent over HTTP: none may reach Object.prototype in the process that hosts the
// fake. JSON patch paths through __proto__, constructor or prototype are refused as invalid paths.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '@kube-cache/indexer';
import { FakeApiServer } from './fake-api-server';
import { sendRequest } from './http-test-client.test-support';

const objectPath = '/api/v1/namespaces/default/configmaps/target';
const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
const prototypeDescriptors = Object.getOwnPropertyDescriptors(Object.prototype);

function expectPrototypeUntouched(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(typeof Object.prototype.toString).toBe('function');
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

describe('FakeApiServer patches and Object.prototype', () => {
  let server: FakeApiServer;

  beforeEach(async () => {
    server = await FakeApiServer.start();
    server.create<KubeObject & { data: Record<string, string> }>({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'target', namespace: 'default' },
      data: { kept: 'yes' },
    });
  });

  afterEach(async () => {
    // Undo a pollution so that one failure does not cascade into every later test.
    for (const name of Object.getOwnPropertyNames(Object.prototype))
      if (!prototypeNames.includes(name)) Reflect.deleteProperty(Object.prototype, name);
    Object.defineProperties(Object.prototype, prototypeDescriptors);
    await server.close();
  });

  const jsonPatch = 'application/json-patch+json';

  it.each([
    ['add through __proto__', [{ op: 'add', path: '/__proto__/polluted', value: 'yes' }]],
    [
      'add through metadata.__proto__',
      [{ op: 'add', path: '/metadata/__proto__/polluted', value: 'yes' }],
    ],
    [
      'add through constructor.prototype',
      [{ op: 'add', path: '/data/constructor/prototype/polluted', value: 'yes' }],
    ],
    ['replace a prototype method', [{ op: 'replace', path: '/__proto__/toString', value: 1 }]],
    ['remove a prototype method', [{ op: 'remove', path: '/metadata/__proto__/toString' }]],
    ['a last segment __proto__', [{ op: 'add', path: '/data/__proto__', value: { a: 'b' } }]],
    ['a last segment prototype', [{ op: 'add', path: '/data/prototype', value: 'x' }]],
    ['move from __proto__', [{ op: 'move', from: '/__proto__/toString', path: '/data/stolen' }]],
    ['copy into __proto__', [{ op: 'copy', from: '/data/kept', path: '/__proto__/polluted' }]],
    ['test through constructor', [{ op: 'test', path: '/constructor/name', value: 'Object' }]],
    ['an escaped segment', [{ op: 'add', path: '/data/__proto~1x/../__proto__/p', value: 1 }]],
  ])('should refuse a JSON patch with %s as an invalid path (422)', async (_name, patch) => {
    const answer = await sendRequest(server.url, 'PATCH', objectPath, patch, jsonPatch);
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      kind: 'Status',
      reason: 'Invalid',
      message: expect.stringContaining('invalid path'),
    });
    expectPrototypeUntouched();
    expect(server.get('v1', 'ConfigMap', 'default', 'target')).toMatchObject({
      data: { kept: 'yes' },
    });
  });

  it.each(['application/merge-patch+json', 'application/strategic-merge-patch+json'])(
    'should keep Object.prototype untouched with a %s through __proto__ and constructor',
    async (contentType) => {
      for (const patch of [
        '{"__proto__":{"polluted":"yes"}}',
        '{"metadata":{"__proto__":{"polluted":"yes"}}}',
        '{"data":{"constructor":{"prototype":{"polluted":"yes"}}}}',
        '{"__proto__":{"toString":null}}',
      ]) {
        const answer = await sendRequest(server.url, 'PATCH', objectPath, patch, contentType);
        expect(answer.status).toBeLessThan(500);
        expectPrototypeUntouched();
      }
      const stored = server.get('v1', 'ConfigMap', 'default', 'target');
      expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
      expect(stored).toMatchObject({ data: { kept: 'yes' } });
    },
  );

  it('should store a "__proto__" data key of a merge patch as data, as the real server does', async () => {
    const answer = await sendRequest(
      server.url,
      'PATCH',
      objectPath,
      '{"data":{"__proto__":"value"}}',
      'application/merge-patch+json',
    );
    expect(answer.status).toBe(200);
    const stored = server.get('v1', 'ConfigMap', 'default', 'target') as {
      data: Record<string, string>;
    };
    expect(Object.hasOwn(stored.data, '__proto__')).toBe(true);
    expect(Object.keys(stored.data).sort()).toEqual(['__proto__', 'kept']);
    expect(Object.getPrototypeOf(stored.data)).toBe(Object.prototype);
    expectPrototypeUntouched();
  });
});
