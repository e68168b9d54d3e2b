import { afterEach, describe, expect, it } from 'vitest';
import { FakeApiServer } from './fake-api-server';
import { openWatchStream, sendRequest } from './http-test-client';
import { generatePods } from './object-generators';

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
      const watch = await openWatchStream(server.url, `/api/v1/namespaces/namespace-0/pods?watch=true&resourceVersion=${server.resourceVersion}`);
      server.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'new', namespace: 'namespace-0' } });
      server.delete('v1', 'Pod', 'namespace-0', 'new');
      const events = await watch.waitFor(2);
      expect(events.map((event) => [event.type, event.object.metadata?.name])).toEqual([
        ['ADDED', 'new'],
        ['DELETED', 'new'],
      ]);
      watch.close();
    });
  });
});
