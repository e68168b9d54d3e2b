import { KubeCacheError } from './kube-cache-error';

/**
 * Thrown by `addIndexers` when one or more of the new index names already exist. Nothing is
 * added: not even the names that did not conflict.
 *
 * @example
 * ```ts
 * try {
 *   store.addIndexers({ namespace: otherFunc });
 * } catch (error) {
 *   if (IndexerConflictError.isInstance(error)) console.log(error.indexNames); // ['namespace']
 * }
 * ```
 * @since 0.1.0
 */
export class IndexerConflictError extends KubeCacheError {
  override readonly name = 'IndexerConflictError' as const;
  /** The index names that exist already. */
  readonly indexNames: readonly string[];

  /**
   * @param indexNames - the conflicting names.
   */
  constructor(indexNames: readonly string[]) {
    super(
      `indexer conflict: ${indexNames.map((indexName) => JSON.stringify(indexName)).join(', ')}`,
    );
    this.indexNames = Object.freeze([...indexNames]);
  }

  /**
   * Whether `error` is an `IndexerConflictError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for an `IndexerConflictError`.
   */
  static override isInstance(error: unknown): error is IndexerConflictError {
    return KubeCacheError.hasName(error, 'IndexerConflictError');
  }
}
