import type { ThreadSafeStore } from './thread-safe-store';

/**
 * Everything observable about a store, in a form `toEqual` compares: items by key, and for every
 * index each value's sorted keys. Used to show that a failed call changed nothing.
 */
export function storeState<T>(store: ThreadSafeStore<T>): {
  items: [string, T][];
  indices: Record<string, [string, string[]][]>;
} {
  const items = store
    .listKeys()
    .sort()
    .map((key): [string, T] => [key, store.get(key) as T]);
  const indices: Record<string, [string, string[]][]> = {};
  for (const indexName of Object.keys(store.getIndexers()).sort()) {
    indices[indexName] = store
      .listIndexFuncValues(indexName)
      .sort()
      .map((value): [string, string[]] => [value, store.indexKeys(indexName, value)]);
  }
  return { items, indices };
}
