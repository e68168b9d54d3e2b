import type { Indexers } from '@kube-cache/store-core';
import { Cache, type CacheOptions } from './cache';
import type { Indexer } from './indexer';
import type { KeyFunc } from '../key-funcs/key-func';

/**
 * An {@link Indexer} (client-go's `cache.NewIndexer`). The `indexers` object is copied, never
 * kept.
 *
 * @param keyFunc - computes each object's key, for example {@link metaNamespaceKeyFunc}.
 * @param indexers - the index funcs by index name.
 * @param options - see {@link CacheOptions}.
 * @returns a new, empty indexer.
 * @example
 * ```ts
 * const pods = newIndexer<Pod>(metaNamespaceKeyFunc, { [NAMESPACE_INDEX]: metaNamespaceIndexFunc });
 * pods.byIndex(NAMESPACE_INDEX, 'default');
 * ```
 * @since 0.1.0
 */
export function newIndexer<T>(
  keyFunc: KeyFunc<T>,
  indexers: Indexers<T>,
  options?: CacheOptions,
): Indexer<T> {
  return new Cache<T>(keyFunc, indexers, options);
}
