import type { KubeObject } from '@kube-cache/indexer';
import { FakeApiServer } from '@kube-cache/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createListWatch } from '../list-watch/list-watch';
import { configMap, eventually, ReflectorHarness } from './reflector-harness.test-support';
import type { RecordingStore } from './scripted-lister-watcher.test-support';

let server: FakeApiServer;
const harness = new ReflectorHarness<KubeObject>();

beforeEach(async () => {
  server = await FakeApiServer.start({ https: true });
});

afterEach(async () => {
  await harness.stop();
  await server.close();
});

function serverVersions(): Record<string, string> {
  return Object.fromEntries(
    server
      .list('v1', 'ConfigMap')
      .map((object) => [
        `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`,
        object.metadata?.resourceVersion ?? '',
      ]),
  );
}

function storeVersions(store: RecordingStore<KubeObject>): Record<string, string> {
  return Object.fromEntries(
    [...store.objects].map(([key, object]) => [key, object.metadata?.resourceVersion ?? '']),
  );
}

function start(options: { pageSize?: number } = {}) {
  return harness.start(
    createListWatch<KubeObject>(server.kubeConfig(), { apiVersion: 'v1', plural: 'configmaps' }),
    {
      expectedType: { apiVersion: 'v1', kind: 'ConfigMap' },
      backoff: { initialMilliseconds: 10, maxMilliseconds: 100 },
      ...options,
    },
  );
}

describe('Reflector over HTTP (FakeApiServer + createListWatch)', () => {
  it('should sync a paged list and follow creates, updates and deletes', async () => {
    for (let index = 0; index < 25; index += 1) server.create(configMap(`cm-${index}`));
    const { store, reflector, events } = start({ pageSize: 10 });
    await reflector.waitForSync(harness.signal);
    expect(store.objects.size).toBe(25);
    expect(events).toContainEqual(expect.objectContaining({ type: 'listed', items: 25, pages: 3 }));

    server.create(configMap('new'));
    const current = server.get('v1', 'ConfigMap', 'default', 'cm-1');
    server.update({ ...current, data: { value: 'changed' } });
    server.delete('v1', 'ConfigMap', 'default', 'cm-2');
    await eventually(() => expect(storeVersions(store)).toEqual(serverVersions()));
    expect(reflector.lastSyncResourceVersion()).toBe(server.resourceVersion);
  });

  it('should re-watch without relisting when the server closes watches', async () => {
    const { store, reflector, events } = start();
    await reflector.waitForSync(harness.signal);
    await eventually(() => expect(reflector.isWatching()).toBe(true));
    server.create(configMap('a'));
    await eventually(() => expect(store.objects.size).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    server.closeWatches();
    server.create(configMap('b'));
    await eventually(() => expect(storeVersions(store)).toEqual(serverVersions()));

    expect(events.filter((event) => event.type === 'relisting')).toHaveLength(1);
    expect(events.filter((event) => event.type === 'watch-started').length).toBeGreaterThanOrEqual(
      2,
    );
  });

  it('should relist after compaction expired the watch position, and converge', async () => {
    const { store, reflector, events } = start();
    await reflector.waitForSync(harness.signal);
    server.create(configMap('a'));
    await eventually(() => expect(store.objects.size).toBe(1));
    // In one tick: the watch ends, changes happen, and compaction forgets the reflector's position.
    server.closeWatches();
    server.create(configMap('b'));
    server.delete('v1', 'ConfigMap', 'default', 'a');
    server.compact();
    await eventually(() => expect(storeVersions(store)).toEqual(serverVersions()));

    expect(events).toContainEqual({ type: 'relisting', reason: 'expired' });
    expect(store.versions()).toEqual({ b: expect.any(String) as string });
  });

  it('should relist after a malformed watch line, reporting a WatchDecodeError', async () => {
    const errors: unknown[] = [];
    const { store, reflector } = start();
    reflector.events.subscribe((event) => {
      if (event.type === 'error') errors.push(event.error);
    });
    await reflector.waitForSync(harness.signal);
    await eventually(() => expect(reflector.isWatching()).toBe(true));
    server.sendMalformedLine();
    server.create(configMap('after'));
    await eventually(() => expect(storeVersions(store)).toEqual(serverVersions()));

    expect(errors).toContainEqual(expect.objectContaining({ name: 'WatchDecodeError' }));
  });

  it('should survive a server restart and list errors, retrying until it converges', async () => {
    const { store, reflector } = start();
    await reflector.waitForSync(harness.signal);
    server.failNext({ method: 'GET', path: '/api/v1/configmaps', count: 3 }, { code: 500 });
    await server.restart();
    server.create(configMap('after-restart'));
    await eventually(() => expect(storeVersions(store)).toEqual(serverVersions()));

    expect(store.objects.size).toBe(1);
  });
});
