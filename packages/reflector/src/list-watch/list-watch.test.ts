import { ApiStatusError } from '@kube-cache/indexer';
import type { KubeObject, WatchEvent } from '@kube-cache/indexer';
import { FakeApiServer } from '@kube-cache/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidListWatchConfigError } from '../errors/invalid-list-watch-config-error';
import { createListWatch } from './list-watch';
import { WatchDecodeError } from '../errors/watch-decode-error';

interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

let server: FakeApiServer;
let controller: AbortController;

beforeEach(async () => {
  server = await FakeApiServer.start({ https: true });
  controller = new AbortController();
});

afterEach(async () => {
  controller.abort();
  await server.close();
});

function configMap(
  name: string,
  namespace = 'default',
  labels: Record<string, string> = {},
): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, labels },
    data: { key: name },
  };
}

/** Reads events until `count` arrived. */
async function take<T>(
  iterable: AsyncIterable<WatchEvent<T>>,
  count: number,
): Promise<WatchEvent<T>[]> {
  const events: WatchEvent<T>[] = [];
  if (count === 0) return events;
  for await (const event of iterable) {
    events.push(event);
    if (events.length === count) break;
  }
  return events;
}

describe('createListWatch', () => {
  it('should list with the KubeConfig credentials and fill in apiVersion and kind of list items', async () => {
    server.create(configMap('a'));
    server.create(configMap('b', 'kube-system'));
    const listWatch = createListWatch<ConfigMap>(server.kubeConfig(), {
      apiVersion: 'v1',
      plural: 'configmaps',
    });
    const result = await listWatch.list({}, controller.signal);

    expect(
      result.items.map((item) => [
        item.apiVersion,
        item.kind,
        item.metadata?.namespace,
        item.metadata?.name,
      ]),
    ).toEqual([
      ['v1', 'ConfigMap', 'default', 'a'],
      ['v1', 'ConfigMap', 'kube-system', 'b'],
    ]);
    expect(result.resourceVersion).toBe(server.resourceVersion);
    expect(result.continue).toBeUndefined();
  });

  it('should page with limit and continue', async () => {
    for (let index = 0; index < 5; index += 1) server.create(configMap(`cm-${index}`));
    const listWatch = createListWatch<ConfigMap>(server.kubeConfig(), {
      apiVersion: 'v1',
      plural: 'configmaps',
      namespace: 'default',
    });
    const first = await listWatch.list({ limit: 2 }, controller.signal);
    const second = await listWatch.list({ limit: 2, continue: first.continue }, controller.signal);

    expect(first.items.map((item) => item.metadata?.name)).toEqual(['cm-0', 'cm-1']);
    expect(first.remainingItemCount).toBe(3);
    expect(second.items.map((item) => item.metadata?.name)).toEqual(['cm-2', 'cm-3']);
  });

  it('should give watch objects the same shape as list items', async () => {
    const listWatch = createListWatch<ConfigMap>(server.kubeConfig(), {
      apiVersion: 'v1',
      plural: 'configmaps',
    });
    const { resourceVersion } = await listWatch.list({}, controller.signal);
    const stream = await listWatch.watch({ resourceVersion }, controller.signal);
    server.create(configMap('a'));
    const [event] = await take(stream, 1);
    const listed = (await listWatch.list({}, controller.signal)).items[0];

    expect(event?.type).toBe('ADDED');
    expect(event?.object).toEqual(listed);
    expect(Object.getPrototypeOf(event?.object)).toBe(Object.prototype);
  });

  it('should send label and field selectors with both the list and the watch', async () => {
    server.create(configMap('web', 'default', { app: 'web' }));
    server.create(configMap('db', 'default', { app: 'db' }));
    const listWatch = createListWatch<ConfigMap>(
      server.kubeConfig(),
      { apiVersion: 'v1', plural: 'configmaps' },
      { labelSelector: 'app=web', fieldSelector: 'metadata.namespace=default' },
    );
    const listed = await listWatch.list({}, controller.signal);
    const stream = await listWatch.watch(
      { resourceVersion: listed.resourceVersion },
      controller.signal,
    );
    server.create(configMap('db-2', 'default', { app: 'db' }));
    server.create(configMap('web-2', 'default', { app: 'web' }));
    const [event] = await take(stream, 1);

    expect(listed.items.map((item) => item.metadata?.name)).toEqual(['web']);
    expect(event?.object.metadata?.name).toBe('web-2');
    const queries = server.requests
      .filter((request) => request.path === '/api/v1/configmaps')
      .map((request) => request.query);
    expect(queries).toHaveLength(2);
    for (const query of queries) {
      expect(query).toMatchObject({
        labelSelector: 'app=web',
        fieldSelector: 'metadata.namespace=default',
      });
    }
  });

  it('should pass bookmarks and watch options through', async () => {
    await server.close();
    server = await FakeApiServer.start({ https: true, bookmarkIntervalMilliseconds: 20 });
    const listWatch = createListWatch<ConfigMap>(server.kubeConfig(), {
      apiVersion: 'v1',
      plural: 'configmaps',
    });
    const { resourceVersion } = await listWatch.list({}, controller.signal);
    const stream = await listWatch.watch(
      { resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 30 },
      controller.signal,
    );
    const [event] = await take(stream, 1);

    expect(event?.type).toBe('BOOKMARK');
    const watchRequest = server.requests.find((request) => request.query.watch !== undefined);
    expect(watchRequest?.query).toMatchObject({
      allowWatchBookmarks: 'true',
      timeoutSeconds: '30',
      resourceVersion,
    });
  });

  it('should throw a WatchDecodeError from the iterator for a malformed line, never skip it', async () => {
    const listWatch = createListWatch<ConfigMap>(server.kubeConfig(), {
      apiVersion: 'v1',
      plural: 'configmaps',
    });
    const { resourceVersion } = await listWatch.list({}, controller.signal);
    const stream = await listWatch.watch({ resourceVersion }, controller.signal);
    server.sendMalformedLine();
    server.create(configMap('after'));

    await expect(take(stream, 2)).rejects.toSatisfy(WatchDecodeError.isInstance);
  });

  it('should turn an HTTP error into an ApiStatusError with the server Status', async () => {
    server.failNext(
      { method: 'GET', path: '/api/v1/configmaps' },
      { code: 410, reason: 'Expired', message: 'too old' },
    );
    const listWatch = createListWatch<ConfigMap>(server.kubeConfig(), {
      apiVersion: 'v1',
      plural: 'configmaps',
    });
    const error: unknown = await listWatch
      .list({ resourceVersion: '1' }, controller.signal)
      .catch((caught: unknown) => caught);

    expect(ApiStatusError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 410,
      reason: 'Expired',
      message: 'too old',
      status: { kind: 'Status', code: 410 },
    });
  });

  it('should turn a refused watch into an ApiStatusError too', async () => {
    server.failNext({ path: '/api/v1/configmaps' }, { code: 429 });
    const listWatch = createListWatch<ConfigMap>(server.kubeConfig(), {
      apiVersion: 'v1',
      plural: 'configmaps',
    });

    await expect(listWatch.watch({}, controller.signal)).rejects.toMatchObject({
      name: 'ApiStatusError',
      code: 429,
      reason: 'TooManyRequests',
    });
  });

  it('should reject with ECONNREFUSED when nothing listens', async () => {
    const kubeConfig = server.kubeConfig();
    await server.close();
    const listWatch = createListWatch<ConfigMap>(kubeConfig, {
      apiVersion: 'v1',
      plural: 'configmaps',
    });

    await expect(listWatch.list({}, controller.signal)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    server = await FakeApiServer.start();
  });

  it('should end the watch when the signal aborts', async () => {
    const listWatch = createListWatch<ConfigMap>(server.kubeConfig(), {
      apiVersion: 'v1',
      plural: 'configmaps',
    });
    const local = new AbortController();
    const stream = await listWatch.watch({ resourceVersion: server.resourceVersion }, local.signal);
    const reading = take(stream, 1);
    local.abort();

    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('should end the iteration when the server closes the watch', async () => {
    const listWatch = createListWatch<ConfigMap>(server.kubeConfig(), {
      apiVersion: 'v1',
      plural: 'configmaps',
    });
    const stream = await listWatch.watch(
      { resourceVersion: server.resourceVersion },
      controller.signal,
    );
    const reading = take(stream, 5);
    server.create(configMap('one'));
    setTimeout(() => server.closeWatches(), 50);

    expect((await reading).map((event) => event.type)).toEqual(['ADDED']);
  });

  it('should serve grouped custom resources and cluster-scoped resources', async () => {
    await server.close();
    server = await FakeApiServer.start({
      https: true,
      resources: [
        {
          group: 'example.com',
          version: 'v1alpha1',
          kind: 'Widget',
          plural: 'widgets',
          namespaced: true,
        },
      ],
    });
    server.create({
      apiVersion: 'example.com/v1alpha1',
      kind: 'Widget',
      metadata: { name: 'w', namespace: 'default' },
    });
    const widgets = createListWatch(server.kubeConfig(), {
      apiVersion: 'example.com/v1alpha1',
      plural: 'widgets',
      namespace: 'default',
    });
    const namespaces = createListWatch(server.kubeConfig(), {
      apiVersion: 'v1',
      plural: 'namespaces',
    });

    expect((await widgets.list({}, controller.signal)).items).toEqual([
      expect.objectContaining({ apiVersion: 'example.com/v1alpha1', kind: 'Widget' }),
    ]);
    expect((await namespaces.list({}, controller.signal)).items.map((item) => item.kind)).toContain(
      'Namespace',
    );
  });

  it('should reject a KubeConfig without a current cluster', async () => {
    const kubeConfig = {
      getCurrentCluster: () => null,
      applyToHTTPSOptions: () => Promise.resolve(),
    };
    const listWatch = createListWatch(kubeConfig, { apiVersion: 'v1', plural: 'pods' });

    await expect(listWatch.list({}, controller.signal)).rejects.toSatisfy(
      InvalidListWatchConfigError.isInstance,
    );
  });
});
