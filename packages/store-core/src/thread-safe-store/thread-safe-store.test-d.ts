import { describe, expectTypeOf, it } from 'vitest';
import type { IndexFunc, Indexers } from './index-func';
import { ThreadSafeStore, type ThreadSafeStoreOptions } from './thread-safe-store';

interface Pod {
  metadata: { name: string; namespace: string };
  spec: { nodeName: string };
}

describe('ThreadSafeStore types', () => {
  it('should be generic over the stored object', () => {
    const store = new ThreadSafeStore<Pod>({ node: (pod) => [pod.spec.nodeName] });
    expectTypeOf(store.get('k')).toEqualTypeOf<Pod | undefined>();
    expectTypeOf(store.list()).toEqualTypeOf<Pod[]>();
    expectTypeOf(store.listKeys()).toEqualTypeOf<string[]>();
    expectTypeOf(store.byIndex('node', 'n')).toEqualTypeOf<Pod[]>();
    expectTypeOf(store.index('node', {} as Pod)).toEqualTypeOf<Pod[]>();
    expectTypeOf(store.indexKeys('node', 'n')).toEqualTypeOf<string[]>();
    expectTypeOf(store.size).toEqualTypeOf<number>();
    expectTypeOf(store.getIndexers()).toEqualTypeOf<Readonly<Indexers<Pod>>>();
    expectTypeOf(store.add).parameters.toEqualTypeOf<[string, Pod]>();
  });

  it('should infer the object type from the indexers', () => {
    const byNode: IndexFunc<Pod> = (pod) => [pod.spec.nodeName];
    const store = new ThreadSafeStore({ node: byNode });
    expectTypeOf(store).toEqualTypeOf<ThreadSafeStore<Pod>>();
  });

  it('should accept options and type-check index funcs', () => {
    expectTypeOf<ThreadSafeStoreOptions>().toEqualTypeOf<{
      detectMutations?: boolean | undefined;
    }>();
    const store = new ThreadSafeStore<Pod>(undefined, { detectMutations: true });
    // @ts-expect-error: an index func must return string[]
    store.addIndexers({ bad: (pod: Pod) => pod.spec.nodeName });
    // @ts-expect-error: the object must be a Pod
    store.add('k', { name: 'not a pod' });
    expectTypeOf<IndexFunc<Pod>>().toEqualTypeOf<(object: Pod) => string[]>();
  });
});
