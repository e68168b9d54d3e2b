/**
 * Computes the values under which an object is filed in one index. An object may have no value
 * (it is then absent from that index), one, or several.
 *
 * Index funcs must be pure and deterministic: the store calls them again on the stored object to
 * find the entries to remove when that object is updated or deleted. They may throw; the store
 * then reports an `IndexFuncError` and changes nothing. They must not change the store that calls
 * them (see `ReentrantMutationError`).
 *
 * @example
 * ```ts
 * const byNode: IndexFunc<Pod> = (pod) => (pod.spec?.nodeName ? [pod.spec.nodeName] : []);
 * ```
 * @since 0.1.0
 */
export type IndexFunc<T> = (object: T) => string[];

/**
 * Named index funcs: the index name is the key, as in client-go's `cache.Indexers`.
 *
 * @example
 * ```ts
 * const indexers: Indexers<Pod> = { node: (pod) => [pod.spec.nodeName] };
 * ```
 * @since 0.1.0
 */
export type Indexers<T> = Record<string, IndexFunc<T>>;
