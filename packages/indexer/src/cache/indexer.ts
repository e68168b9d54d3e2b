import type { Indexers } from '@kube-cache/store-core';
import type { Store } from './store';

/**
 * A {@link Store} with named secondary indices (client-go's `cache.Indexer`). Implemented by
 * {@link Cache}.
 *
 * @since 0.1.0
 */
export interface Indexer<T> extends Store<T> {
  /** The objects that share at least one index value with `object`. */
  index(indexName: string, object: T): T[];
  /** The keys filed under `indexedValue`, sorted. */
  indexKeys(indexName: string, indexedValue: string): string[];
  /** The values of an index that currently have objects; `[]` for an unknown index. */
  listIndexFuncValues(indexName: string): string[];
  /** The objects filed under `indexedValue`. */
  byIndex(indexName: string, indexedValue: string): T[];
  /** A frozen copy of the index funcs by name. */
  getIndexers(): Readonly<Indexers<T>>;
  /** Adds indices; allowed with objects present (they are back-filled). */
  addIndexers(newIndexers: Indexers<T>): void;
}
