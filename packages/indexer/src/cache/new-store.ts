import { Cache, type CacheOptions } from './cache';
import type { KeyFunc } from '../key-funcs/key-func';
import type { Store } from './store';

/**
 * A {@link Store} without indices (client-go's `cache.NewStore`).
 *
 * @param keyFunc - computes each object's key, for example {@link metaNamespaceKeyFunc}.
 * @param options - see {@link CacheOptions}.
 * @returns a new, empty store.
 * @example
 * ```ts
 * const store = newStore<Pod>(metaNamespaceKeyFunc);
 * store.add(pod);
 * ```
 * @since 0.1.0
 */
export function newStore<T>(keyFunc: KeyFunc<T>, options?: CacheOptions): Store<T> {
  return new Cache<T>(keyFunc, undefined, options);
}
