import { IndexerConflictError, NAMESPACE_INDEX } from '@kube-cache/indexer';
import type { KubeObject } from '@kube-cache/indexer';
import type { KubeConfigLike, ResourceDescriptor } from '@kube-cache/reflector';
import { FakeListerWatcher } from '@kube-cache/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidInformerOptionsError } from '../errors/invalid-informer-options-error';
import { pod } from '../informer/informer-test-support.test-support';
import type { TestPod } from '../informer/informer-test-support.test-support';
import { InformerFactory } from './informer-factory';
import type { InformerSelectors } from './informer-factory-options';

const pods: ResourceDescriptor = { apiVersion: 'v1', plural: 'pods', kind: 'Pod' };
const configMaps: ResourceDescriptor = {
  apiVersion: 'v1',
  plural: 'configmaps',
  kind: 'ConfigMap',
};
const unusedKubeConfig = {} as KubeConfigLike;

let controller: AbortController;
let factories: InformerFactory[] = [];

function fakeFactory(source: FakeListerWatcher<TestPod>): {
  factory: InformerFactory;
  created: { resource: ResourceDescriptor; selectors: InformerSelectors }[];
} {
  const created: { resource: ResourceDescriptor; selectors: InformerSelectors }[] = [];
  const factory = new InformerFactory({
    kubeConfig: unusedKubeConfig,
    onError: () => undefined,
    createListerWatcher: (resource, selectors) => {
      created.push({ resource, selectors });
      return source;
    },
  });
  factories.push(factory);
  return { factory, created };
}

beforeEach(() => {
  vi.useFakeTimers();
  controller = new AbortController();
});

afterEach(async () => {
  controller.abort();
  await vi.runAllTimersAsync();
  await Promise.all(factories.map((factory) => factory.stopped()));
  factories = [];
  vi.useRealTimers();
});

describe('InformerFactory', () => {
  it('should share one informer per resource, namespace and selectors', () => {
    const { factory, created } = fakeFactory(new FakeListerWatcher<TestPod>());
    const first = factory.informerFor(pods);
    expect(factory.informerFor(pods)).toBe(first);
    expect(factory.informerFor({ ...pods, kind: undefined })).toBe(first);
    const inDefault = factory.informerFor(pods, { namespace: 'default' });
    expect(inDefault).not.toBe(first);
    expect(factory.informerFor({ ...pods, namespace: 'default' })).toBe(inDefault);
    expect(factory.informerFor(pods, { labelSelector: 'app=web' })).not.toBe(first);
    expect(factory.informerFor(pods, { fieldSelector: 'spec.nodeName=n1' })).not.toBe(first);
    expect(factory.informerFor(configMaps)).not.toBe(first);
    expect(factory.informers()).toHaveLength(5);
    expect(created[1]).toEqual({
      resource: { ...pods, namespace: 'default' },
      selectors: { labelSelector: undefined, fieldSelector: undefined },
    });
    expect(created[2]?.selectors.labelSelector).toBe('app=web');
    expect(first.name).toBe('v1/pods');
    expect(inDefault.name).toBe('v1/pods namespace=default');
  });

  it('should apply the factory namespace and selectors as defaults', () => {
    const created: InformerSelectors[] = [];
    const factory = new InformerFactory({
      kubeConfig: unusedKubeConfig,
      namespace: 'team-a',
      labelSelector: 'managed=true',
      createListerWatcher: (resource, selectors) => {
        created.push({ ...selectors, fieldSelector: resource.namespace });
        return new FakeListerWatcher<KubeObject>();
      },
    });
    factory.informerFor(pods);
    factory.informerFor(pods, { namespace: 'team-b', labelSelector: 'x=y' });
    expect(created).toEqual([
      { labelSelector: 'managed=true', fieldSelector: 'team-a' },
      { labelSelector: 'x=y', fieldSelector: 'team-b' },
    ]);
  });

  it('should start every informer, wait for all to sync, and start later ones on the next start', async () => {
    const source = new FakeListerWatcher<TestPod>({
      initialObjects: [pod('a'), pod('b', 'other')],
    });
    const { factory } = fakeFactory(source);
    const all = factory.informerFor<TestPod>(pods);
    factory.start(controller.signal);
    factory.start(controller.signal);
    const synced = factory.waitForCacheSync(controller.signal);
    await vi.advanceTimersByTimeAsync(200);
    expect(await synced).toEqual(new Map([['v1/pods', true]]));
    expect(all.getStore().listKeys().sort()).toEqual(['default/a', 'other/b']);
    const late = factory.informerFor<TestPod>(pods, { labelSelector: 'app=a' });
    expect(late.hasStarted()).toBe(false);
    factory.start(controller.signal);
    expect(late.hasStarted()).toBe(true);
  });

  it('should index a field for cluster-wide and per-namespace queries, before and after start', async () => {
    const source = new FakeListerWatcher<TestPod>({
      initialObjects: [
        pod('a', 'default', 'node-1'),
        pod('b', 'other', 'node-1'),
        pod('c', 'default', 'node-2'),
      ],
    });
    const { factory } = fakeFactory(source);
    factory.indexField<TestPod>(pods, 'spec.nodeName', (object) => object.spec?.nodeName);
    factory.start(controller.signal);
    await vi.advanceTimersByTimeAsync(10);
    const lister = factory.lister<TestPod>(pods);
    const names = (list: TestPod[]): string[] =>
      list.map((object) => object.metadata?.name ?? '').sort();
    expect(names(lister.listByField('spec.nodeName', 'node-1'))).toEqual(['a', 'b']);
    expect(names(lister.namespaced('default').listByField('spec.nodeName', 'node-1'))).toEqual([
      'a',
    ]);
    expect(names(lister.namespaced('default').listByField('spec.nodeName', 'node-3'))).toEqual([]);
    factory.indexField<TestPod>(pods, 'metadata.labels.app', (object) => [
      object.metadata?.labels?.app ?? '',
    ]);
    expect(names(lister.listByField('metadata.labels.app', 'c'))).toEqual(['c']);
    expect(() => factory.indexField<TestPod>(pods, 'spec.nodeName', () => undefined)).toThrow(
      IndexerConflictError,
    );
  });

  it('should give every informer the namespace index, used by namespaced listers', async () => {
    const source = new FakeListerWatcher<TestPod>({
      initialObjects: [pod('a'), pod('b', 'other'), pod('c')],
    });
    const { factory } = fakeFactory(source);
    const informer = factory.informerFor<TestPod>(pods);
    expect(Object.keys(informer.getIndexer().getIndexers())).toEqual([NAMESPACE_INDEX]);
    factory.start(controller.signal);
    await vi.advanceTimersByTimeAsync(10);
    const indexer = informer.getIndexer();
    const byIndex = vi.spyOn(indexer, 'byIndex');
    const list = vi.spyOn(indexer, 'list');
    const inDefault = factory.lister<TestPod>(pods).namespaced('default').list();
    expect(inDefault.map((object) => object.metadata?.name).sort()).toEqual(['a', 'c']);
    expect(byIndex).toHaveBeenCalledWith(NAMESPACE_INDEX, 'default');
    expect(list).not.toHaveBeenCalled();
  });

  it('should add new indexers to an existing informer and keep identical ones', () => {
    const { factory } = fakeFactory(new FakeListerWatcher<TestPod>());
    const byNode = (object: TestPod): string[] =>
      object.spec?.nodeName ? [object.spec.nodeName] : [];
    const informer = factory.informerFor<TestPod>(pods, { indexers: { node: byNode } });
    factory.informerFor<TestPod>(pods, { indexers: { node: byNode, app: () => [] } });
    expect(Object.keys(informer.getIndexer().getIndexers()).sort()).toEqual([
      'app',
      NAMESPACE_INDEX,
      'node',
    ]);
  });

  it('should pass detectMutations to every informer', async () => {
    const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a')] });
    const factory = new InformerFactory({
      kubeConfig: unusedKubeConfig,
      detectMutations: true,
      createListerWatcher: () => source,
    });
    factories.push(factory);
    const informer = factory.informerFor<TestPod>(pods);
    factory.start(controller.signal);
    await vi.advanceTimersByTimeAsync(10);
    const cached = informer.getStore().getByKey('default/a');
    expect(Object.isFrozen(cached) && Object.isFrozen(cached?.metadata)).toBe(true);
  });

  it('should refuse to be built without a KubeConfig', () => {
    expect(() => new InformerFactory({} as never)).toThrow(InvalidInformerOptionsError);
  });
});
