import { KubeCacheError } from './kube-cache-error';

/**
 * Thrown by `index`, `byIndex` and `indexKeys` when no index of that name exists (client-go
 * returns the error `Index with name … does not exist`).
 *
 * @example
 * ```ts
 * try {
 *   store.byIndex('nodes', 'node-1');
 * } catch (error) {
 *   if (IndexNotFoundError.isInstance(error)) console.log(error.indexName); // 'nodes'
 * }
 * ```
 * @since 0.1.0
 */
export class IndexNotFoundError extends KubeCacheError {
  override readonly name = 'IndexNotFoundError' as const;
  /** The index name that was asked for. */
  readonly indexName: string;

  /**
   * @param indexName - the unknown index name.
   */
  constructor(indexName: string) {
    super(`Index with name ${indexName} does not exist`);
    this.indexName = indexName;
  }

  /**
   * Whether `error` is an `IndexNotFoundError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for an `IndexNotFoundError`.
   */
  static override isInstance(error: unknown): error is IndexNotFoundError {
    return KubeCacheError.hasName(error, 'IndexNotFoundError');
  }
}
