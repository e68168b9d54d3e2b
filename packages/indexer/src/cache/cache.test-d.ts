import { describe, expectTypeOf, it } from 'vitest';
import type { IndexFunc, Indexers } from '@kube-cache/store-core';
import { Cache } from './cache';
import type { DeletedFinalStateUnknown } from './deleted-final-state-unknown';
import { indexByField } from '../index-funcs/index-by-field';
import { indexByLabel } from '../index-funcs/index-by-label';
import { indexByOwnerUid } from '../index-funcs/index-by-owner-uid';
import { indexFuncToKeyFuncAdapter } from '../key-funcs/index-func-to-key-func-adapter';
import type { Indexer } from './indexer';
import type { KeyFunc } from '../key-funcs/key-func';
import { metaNamespaceIndexFunc, NAMESPACE_INDEX } from '../index-funcs/meta-namespace-index-func';
import { metaNamespaceKeyFunc } from '../key-funcs/meta-namespace-key-func';
import { newIndexer } from './new-indexer';
import { newStore } from './new-store';
import { splitMetaNamespaceKey } from '../key-funcs/split-meta-namespace-key';
import type { Store } from './store';

interface Pod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
  spec: { nodeName: string };
}

describe('indexer types', () => {
  it('should make Cache an Indexer and a Store of the object type', () => {
    const cache = new Cache<Pod>(metaNamespaceKeyFunc, {
      [NAMESPACE_INDEX]: metaNamespaceIndexFunc,
      node: indexByField('spec.nodeName'),
      app: indexByLabel('app'),
      owner: indexByOwnerUid(),
    });
    expectTypeOf(cache).toMatchTypeOf<Indexer<Pod>>();
    expectTypeOf(cache).toMatchTypeOf<Store<Pod>>();
    expectTypeOf(cache.getByKey('k')).toEqualTypeOf<Pod | undefined>();
    expectTypeOf(cache.byIndex('node', 'n')).toEqualTypeOf<Pod[]>();
    expectTypeOf(cache.list()).toEqualTypeOf<Pod[]>();
    expectTypeOf(cache.getIndexers()).toEqualTypeOf<Readonly<Indexers<Pod>>>();
    expectTypeOf(cache.delete).parameter(0).toEqualTypeOf<Pod | DeletedFinalStateUnknown<Pod>>();
  });

  it('should type the factories and key funcs', () => {
    expectTypeOf(newStore<Pod>(metaNamespaceKeyFunc)).toEqualTypeOf<Store<Pod>>();
    expectTypeOf(newIndexer<Pod>(metaNamespaceKeyFunc, {})).toEqualTypeOf<Indexer<Pod>>();
    expectTypeOf(metaNamespaceKeyFunc).toMatchTypeOf<KeyFunc<Pod>>();
    expectTypeOf(metaNamespaceIndexFunc).toMatchTypeOf<IndexFunc<Pod>>();
    expectTypeOf(indexFuncToKeyFuncAdapter<Pod>((pod) => [pod.metadata.name])).toEqualTypeOf<
      KeyFunc<Pod>
    >();
    expectTypeOf(splitMetaNamespaceKey('a/b')).toEqualTypeOf<{ namespace: string; name: string }>();
    expectTypeOf(NAMESPACE_INDEX).toEqualTypeOf<'namespace'>();
  });

  it('should infer the object type from a typed key func and reject other objects', () => {
    const byName: KeyFunc<Pod> = (pod) => pod.metadata.name;
    const store = newStore(byName);
    expectTypeOf(store).toEqualTypeOf<Store<Pod>>();
    // @ts-expect-error: not a Pod
    store.add({ metadata: { name: 'x' } });
    // @ts-expect-error: an index func must return string[]
    newIndexer<Pod>(byName, { bad: (pod: Pod) => pod.metadata.name });
  });
});
