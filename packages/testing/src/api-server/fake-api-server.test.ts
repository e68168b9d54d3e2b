import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KubeObject } from '@kube-cache/indexer';
import { FakeApiServer } from './fake-api-server';
import { openWatchStream, sendRequest } from './http-test-client.test-support';
import { generatePods } from '../objects/object-generators';

interface ConfigMapLike extends KubeObject {
  data?: Record<string, string>;
}

describe('FakeApiServer', () => {
  let server: FakeApiServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  describe('start', () => {
    it('should listen on a random loopback port and serve /version', async () => {
      server = await FakeApiServer.start();
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const answer = await sendRequest(server.url, 'GET', '/version');
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ major: '1' });
    });
  });

  describe('seed', () => {
    it('should store objects with uid, creationTimestamp and increasing resourceVersions', async () => {
      server = await FakeApiServer.start();
      const before = Number(server.resourceVersion);
      await server.seed(generatePods({ count: 3, namespaces: 1 }));
      const pods = server.list('v1', 'Pod');
      expect(pods).toHaveLength(3);
      const versions = pods.map((pod) => Number(pod.metadata?.resourceVersion));
      expect(Math.min(...versions)).toBeGreaterThan(before);
      expect(server.resourceVersion).toBe(String(Math.max(...versions)));
      expect(pods[0]?.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
      expect(server.get('v1', 'Namespace', undefined, 'namespace-0')).toBeDefined();
    });
  });

  describe('watch', () => {
    it('should stream changes made after the watch started', async () => {
      server = await FakeApiServer.start();
      await server.seed(generatePods({ count: 2, namespaces: 1 }));
      const watch = await openWatchStream(
        server.url,
        `/api/v1/namespaces/namespace-0/pods?watch=true&resourceVersion=${server.resourceVersion}`,
      );
      server.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'new', namespace: 'namespace-0' },
      });
      server.delete('v1', 'Pod', 'namespace-0', 'new');
      const events = await watch.waitFor(2);
      expect(events.map((event) => [event.type, event.object.metadata?.name])).toEqual([
        ['ADDED', 'new'],
        ['DELETED', 'new'],
      ]);
      watch.close();
    });
  });

  describe('direct access', () => {
    it('should create, update, get, list and delete without HTTP, returning copies', async () => {
      server = await FakeApiServer.start();
      const created = server.create<ConfigMapLike>({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'one', namespace: 'default' },
        data: { a: '1' },
      });
      if (created.data !== undefined) created.data['a'] = 'changed by the caller';
      expect(server.get('v1', 'ConfigMap', 'default', 'one')).toMatchObject({ data: { a: '1' } });
      const updated = server.update({ ...created, data: { a: '2' } });
      expect(Number(updated.metadata?.resourceVersion)).toBeGreaterThan(
        Number(created.metadata?.resourceVersion),
      );
      expect(updated.metadata?.uid).toBe(created.metadata?.uid);
      expect(server.list('v1', 'ConfigMap', 'default').map((item) => item.metadata?.name)).toEqual([
        'one',
      ]);
      expect(server.delete('v1', 'ConfigMap', 'default', 'one')).toMatchObject({
        metadata: { name: 'one' },
      });
      expect(server.delete('v1', 'ConfigMap', 'default', 'one')).toBeUndefined();
    });

    it('should throw an ApiStatusError 409 for a stale resourceVersion', async () => {
      server = await FakeApiServer.start();
      const created = server.create<ConfigMapLike>({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'one', namespace: 'default' },
      });
      server.update({ ...created, data: { a: '1' } });
      expect(() => server?.update({ ...created, data: { a: '2' } })).toThrow(
        expect.objectContaining({ name: 'ApiStatusError', code: 409 }),
      );
    });

    it('should throw an ApiStatusError 404 for an unknown kind or a missing namespace', async () => {
      server = await FakeApiServer.start();
      expect(() =>
        server?.create({ apiVersion: 'v1', kind: 'Widget', metadata: { name: 'w' } }),
      ).toThrow(expect.objectContaining({ code: 404 }));
      expect(() =>
        server?.create({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p', namespace: 'nowhere' },
        }),
      ).toThrow(expect.objectContaining({ code: 404, message: 'namespaces "nowhere" not found' }));
    });

    it('should not create a new resourceVersion for an update that changes nothing', async () => {
      server = await FakeApiServer.start();
      const created = server.create<ConfigMapLike>({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'one', namespace: 'default' },
        data: { a: '1' },
      });
      const again = server.update(created);
      expect(again.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
      expect(server.resourceVersion).toBe(created.metadata?.resourceVersion);
    });

    it('should ignore a namespace given for a cluster-scoped kind in get and delete alike', async () => {
      server = await FakeApiServer.start();
      server.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } });
      expect(server.get('v1', 'Node', 'default', 'node-1')?.metadata?.name).toBe('node-1');
      expect(server.delete('v1', 'Node', 'default', 'node-1')?.metadata?.name).toBe('node-1');
      expect(server.get('v1', 'Node', undefined, 'node-1')).toBeUndefined();
    });
  });

  describe('custom resources', () => {
    it('should serve a registered group resource with discovery, list and watch', async () => {
      server = await FakeApiServer.start({
        resources: [
          {
            group: 'example.com',
            version: 'v1',
            kind: 'Widget',
            plural: 'widgets',
            namespaced: true,
          },
        ],
      });
      server.create({
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w', namespace: 'default' },
      });
      const groups = await sendRequest(server.url, 'GET', '/apis');
      expect(groups.body).toMatchObject({
        kind: 'APIGroupList',
        groups: [
          { name: 'coordination.k8s.io' }, // served by default, for leader election
          { name: 'example.com', preferredVersion: { groupVersion: 'example.com/v1' } },
        ],
      });
      const resources = await sendRequest(server.url, 'GET', '/apis/example.com/v1');
      expect(resources.body).toMatchObject({
        kind: 'APIResourceList',
        resources: [{ name: 'widgets', kind: 'Widget', namespaced: true }],
      });
      const list = await sendRequest(server.url, 'GET', '/apis/example.com/v1/widgets');
      expect(list.body).toMatchObject({
        kind: 'WidgetList',
        apiVersion: 'example.com/v1',
        items: [{ metadata: { name: 'w' } }],
      });
      const watch = await openWatchStream(
        server.url,
        '/apis/example.com/v1/namespaces/default/widgets?watch=true',
      );
      const [event] = await watch.waitFor(1);
      expect(event).toMatchObject({
        type: 'ADDED',
        object: { kind: 'Widget', apiVersion: 'example.com/v1' },
      });
      watch.close();
    });
  });

  describe('fault injection', () => {
    it('should fail the next matching requests with the given status, then recover', async () => {
      server = await FakeApiServer.start();
      server.failNext({ method: 'GET', path: /\/configmaps$/, count: 2 }, { code: 429 });
      const first = await sendRequest(server.url, 'GET', '/api/v1/configmaps');
      const second = await sendRequest(server.url, 'GET', '/api/v1/configmaps');
      const third = await sendRequest(server.url, 'GET', '/api/v1/configmaps');
      expect([first.status, second.status, third.status]).toEqual([429, 429, 200]);
      expect(first.body).toMatchObject({ kind: 'Status', reason: 'TooManyRequests', code: 429 });
      expect(first.headers['retry-after']).toBe('1');
    });

    it('should end open watches on closeWatches', async () => {
      server = await FakeApiServer.start();
      const watch = await openWatchStream(
        server.url,
        `/api/v1/pods?watch=true&resourceVersion=${server.resourceVersion}`,
      );
      expect(server.openWatches).toBe(1);
      server.closeWatches();
      await watch.ended;
      expect(watch.events).toEqual([]);
      expect(server.openWatches).toBe(0);
    });

    it('should write a malformed line on every open watch', async () => {
      server = await FakeApiServer.start();
      const watch = await openWatchStream(
        server.url,
        `/api/v1/pods?watch=true&resourceVersion=${server.resourceVersion}`,
      );
      server.sendMalformedLine();
      const events = await watch.waitFor(1);
      expect(events[0]?.type).toBe('MALFORMED');
      watch.close();
    });

    it('should keep the data and the port across restart, dropping connections', async () => {
      server = await FakeApiServer.start();
      server.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'kept', namespace: 'default' },
      });
      const url = server.url;
      const watch = await openWatchStream(
        server.url,
        `/api/v1/configmaps?watch=true&resourceVersion=${server.resourceVersion}`,
      );
      await server.restart();
      await watch.ended;
      expect(server.url).toBe(url);
      const answer = await sendRequest(
        server.url,
        'GET',
        '/api/v1/namespaces/default/configmaps/kept',
      );
      expect(answer.status).toBe(200);
    });

    it('should delay requests by the configured latency', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout'] });
      try {
        server = await FakeApiServer.start({ latencyMilliseconds: 5_000 });
        let answered = false;
        const pending = sendRequest(server.url, 'GET', '/version').then((answer) => {
          answered = true;
          return answer;
        });
        await vi.waitFor(() => expect(server?.requests).toHaveLength(1));
        expect(answered).toBe(false);
        await vi.advanceTimersByTimeAsync(5_000);
        expect((await pending).status).toBe(200);
      } finally {
        vi.useRealTimers();
      }
    });

    it('should record requests with their query', async () => {
      server = await FakeApiServer.start();
      await sendRequest(server.url, 'GET', '/api/v1/pods?limit=5&labelSelector=a%3Db');
      expect(server.requests.at(-1)).toEqual({
        method: 'GET',
        path: '/api/v1/pods',
        query: { limit: '5', labelSelector: 'a=b' },
        protocol: 'http/1.1',
      });
    });
  });

  describe('kubeconfig', () => {
    it('should write a kubeconfig file pointing at the server', async () => {
      server = await FakeApiServer.start({ https: true, token: 'secret' });
      const directory = await mkdtemp(join(tmpdir(), 'kube-cache-kubeconfig-'));
      try {
        await server.writeKubeconfig(join(directory, 'config'));
        const document = JSON.parse(await readFile(join(directory, 'config'), 'utf8')) as {
          clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
          users: { user: { token: string } }[];
        };
        expect(document.clusters[0]?.cluster.server).toBe(server.url);
        expect(
          Buffer.from(
            document.clusters[0]?.cluster['certificate-authority-data'] ?? '',
            'base64',
          ).toString(),
        ).toBe(server.certificateAuthority);
        expect(document.users[0]?.user.token).toBe('secret');
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    });
  });
});
