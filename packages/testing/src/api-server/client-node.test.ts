// Proof of faithfulness: @kubernetes/client-node itself, unchanged, against the fake server.
import { ApiException, CoreV1Api, makeInformer, Watch } from '@kubernetes/client-node';
import type { V1ConfigMap, V1Pod } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeApiServer } from './fake-api-server';
import { generatePods } from '../objects/object-generators';

function waitUntil(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (condition()) resolve();
      else setTimeout(check, 5);
    };
    check();
  });
}

describe('FakeApiServer with @kubernetes/client-node', () => {
  let server: FakeApiServer | undefined;
  const stops: (() => Promise<void> | void)[] = [];

  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    await server?.close();
    server = undefined;
  });

  describe('CoreV1Api', () => {
    it('should list all pods in pages of 50 with continue tokens and a stable resourceVersion', async () => {
      server = await FakeApiServer.start();
      await server.seed(generatePods({ count: 230, namespaces: 3 }));
      const core = server.kubeConfig().makeApiClient(CoreV1Api);
      const names: string[] = [];
      const versions = new Set<string | undefined>();
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await core.listPodForAllNamespaces({
          limit: 50,
          ...(token === undefined ? {} : { _continue: token }),
        });
        if (pages === 0) expect(page.metadata?.remainingItemCount).toBe(180);
        names.push(
          ...page.items.map(
            (pod) => `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`,
          ),
        );
        versions.add(page.metadata?.resourceVersion);
        token = page.metadata?._continue;
        pages += 1;
        // A change between pages must not show up: every page is read at the first one's RV.
        server.create({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `late-${pages}`, namespace: 'namespace-0' },
        });
      } while (token !== undefined);
      expect(pages).toBe(5);
      expect(names).toHaveLength(230);
      expect(new Set(names).size).toBe(230);
      expect(versions.size).toBe(1);
    });

    it('should create, read, patch and delete a config map, with a typed 409 on conflict', async () => {
      server = await FakeApiServer.start();
      const core = server.kubeConfig().makeApiClient(CoreV1Api);
      const created = await core.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name: 'settings' }, data: { a: '1' } },
      });
      expect(created.metadata?.uid).toEqual(expect.any(String));
      const read = await core.readNamespacedConfigMap({ name: 'settings', namespace: 'default' });
      expect(read.data).toEqual({ a: '1' });
      const stale: V1ConfigMap = { ...read, metadata: { ...read.metadata, resourceVersion: '1' } };
      const conflict = await core
        .replaceNamespacedConfigMap({ name: 'settings', namespace: 'default', body: stale })
        .catch((error: unknown) => error);
      expect(conflict).toBeInstanceOf(ApiException);
      expect((conflict as ApiException<unknown>).code).toBe(409);
      await core.deleteNamespacedConfigMap({ name: 'settings', namespace: 'default' });
      expect(server.get('v1', 'ConfigMap', 'default', 'settings')).toBeUndefined();
    });
  });

  describe('makeInformer', () => {
    it('should sync the initial list and follow adds, updates and deletes', async () => {
      server = await FakeApiServer.start();
      await server.seed(generatePods({ count: 20, namespaces: 1 }));
      const kubeConfig = server.kubeConfig();
      const core = kubeConfig.makeApiClient(CoreV1Api);
      const informer = makeInformer<V1Pod>(kubeConfig, '/api/v1/namespaces/namespace-0/pods', () =>
        core.listNamespacedPod({ namespace: 'namespace-0' }),
      );
      const seen: string[] = [];
      informer.on('add', (pod) => seen.push(`add ${pod.metadata?.name ?? ''}`));
      informer.on('update', (pod) => seen.push(`update ${pod.metadata?.name ?? ''}`));
      informer.on('delete', (pod) => seen.push(`delete ${pod.metadata?.name ?? ''}`));
      await informer.start();
      stops.push(() => informer.stop());
      expect(informer.list('namespace-0')).toHaveLength(20);
      // The watch request is in flight once start() resolves; wait until the server holds it.
      await waitUntil(
        () => server?.requests.some((request) => request.query['watch'] === 'true') ?? false,
      );
      seen.length = 0;
      server.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'extra', namespace: 'namespace-0', labels: { a: '1' } },
      });
      server.update({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'extra', namespace: 'namespace-0', labels: { a: '2' } },
      });
      server.delete('v1', 'Pod', 'namespace-0', 'extra');
      await waitUntil(() => seen.length >= 3);
      expect(seen).toEqual(['add extra', 'update extra', 'delete extra']);
      expect(informer.list('namespace-0')).toHaveLength(20);
      const watchRequest = server.requests.find((request) => request.query['watch'] === 'true');
      expect(watchRequest?.query['resourceVersion']).toEqual(expect.any(String));
    });

    it('should relist when its rewatch gets a 410 Expired ERROR event after compaction', async () => {
      server = await FakeApiServer.start();
      await server.seed(generatePods({ count: 5, namespaces: 1 }));
      const kubeConfig = server.kubeConfig();
      const core = kubeConfig.makeApiClient(CoreV1Api);
      const informer = makeInformer<V1Pod>(kubeConfig, '/api/v1/namespaces/namespace-0/pods', () =>
        core.listNamespacedPod({ namespace: 'namespace-0' }),
      );
      await informer.start();
      stops.push(() => informer.stop());
      await waitUntil(
        () => server?.requests.some((request) => request.query['watch'] === 'true') ?? false,
      );
      const listsBefore = server.requests.filter(
        (request) => request.query['watch'] === undefined && request.path.endsWith('/pods'),
      ).length;
      server.delete(
        'v1',
        'Pod',
        'namespace-0',
        informer.list('namespace-0')[0]?.metadata?.name ?? '',
      );
      await waitUntil(() => informer.list('namespace-0').length === 4);
      // In one tick: end the watch, change something it will not see, forget that history.
      // The informer rewatches from its old RV, gets an ERROR 410 Expired event, and relists.
      server.closeWatches();
      server.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'after-compaction', namespace: 'namespace-0' },
      });
      server.compact();
      await waitUntil(
        () =>
          (server?.requests.filter(
            (request) => request.query['watch'] === undefined && request.path.endsWith('/pods'),
          ).length ?? 0) > listsBefore,
      );
      await waitUntil(() => informer.list('namespace-0').length === 5);
      expect(informer.get('after-compaction', 'namespace-0')).toBeDefined();
    });

    it('should relist when its rewatch is answered with HTTP 410', async () => {
      server = await FakeApiServer.start();
      await server.seed(generatePods({ count: 5, namespaces: 1 }));
      const kubeConfig = server.kubeConfig();
      const core = kubeConfig.makeApiClient(CoreV1Api);
      const informer = makeInformer<V1Pod>(kubeConfig, '/api/v1/namespaces/namespace-0/pods', () =>
        core.listNamespacedPod({ namespace: 'namespace-0' }),
      );
      await informer.start();
      stops.push(() => informer.stop());
      await waitUntil(
        () => server?.requests.some((request) => request.query['watch'] === 'true') ?? false,
      );
      server.failNext(
        { method: 'GET', path: '/api/v1/namespaces/namespace-0/pods' },
        { code: 410 },
      );
      server.closeWatches();
      server.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'missed', namespace: 'namespace-0' },
      });
      await waitUntil(() => informer.get('missed', 'namespace-0') !== undefined);
      const kinds = (): string[] =>
        server?.requests.map((request) => (request.query['watch'] === 'true' ? 'watch' : 'list')) ??
        [];
      await waitUntil(() => kinds().filter((kind) => kind === 'watch').length >= 3);
      // The first watch, the rewatch answered 410, the relist, and the watch after it.
      expect(kinds().slice(-4)).toEqual(['watch', 'watch', 'list', 'watch']);
    });
  });

  describe('Watch', () => {
    it('should deliver ADDED, MODIFIED, DELETED and BOOKMARK events from a resourceVersion', async () => {
      server = await FakeApiServer.start({ bookmarkIntervalMilliseconds: 10 });
      const watch = new Watch(server.kubeConfig());
      const events: string[] = [];
      const controller = await watch.watch(
        '/api/v1/namespaces/default/configmaps',
        { resourceVersion: server.resourceVersion, allowWatchBookmarks: true },
        (phase: string, object: V1ConfigMap) =>
          events.push(phase === 'BOOKMARK' ? phase : `${phase} ${object.metadata?.name ?? ''}`),
        () => undefined,
      );
      stops.push(() => controller.abort());
      server.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'one', namespace: 'default' },
      });
      server.update({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'one', namespace: 'default' },
        data: { a: 'b' },
      });
      server.delete('v1', 'ConfigMap', 'default', 'one');
      await waitUntil(() => events.includes('DELETED one') && events.at(-1) === 'BOOKMARK');
      expect(events.filter((event) => event !== 'BOOKMARK')).toEqual([
        'ADDED one',
        'MODIFIED one',
        'DELETED one',
      ]);
    });
  });

  describe('HTTPS with a bearer token', () => {
    it('should serve a client that trusts the generated CA and sends the token', async () => {
      server = await FakeApiServer.start({ https: true });
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      await server.seed(generatePods({ count: 3, namespaces: 1 }));
      const core = server.kubeConfig().makeApiClient(CoreV1Api);
      const pods = await core.listNamespacedPod({ namespace: 'namespace-0' });
      expect(pods.items).toHaveLength(3);
      expect(server.kubeConfig().getCurrentUser()?.token).toBe(server.token);
    });

    it('should answer 401 Unauthorized to a wrong token', async () => {
      server = await FakeApiServer.start({ https: true, token: 'right' });
      const kubeConfig = server.kubeConfig();
      const user = kubeConfig.getCurrentUser();
      if (user !== null) Object.assign(user, { token: 'wrong' });
      const error = await kubeConfig
        .makeApiClient(CoreV1Api)
        .listNamespace()
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ApiException);
      expect((error as ApiException<unknown>).code).toBe(401);
    });
  });
});
