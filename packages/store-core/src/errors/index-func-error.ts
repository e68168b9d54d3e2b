import { describeValue } from './describe-value';
import { KubeCacheError } from './kube-cache-error';

/**
 * An index func threw, or returned something other than an array of strings. Where client-go
 * panics (and may leave the store half-updated), the store throws this and is left exactly as it
 * was before the call.
 *
 * @example
 * ```ts
 * try {
 *   store.add('default/web', pod);
 * } catch (error) {
 *   if (IndexFuncError.isInstance(error)) console.log(error.key, error.indexName, error.cause);
 * }
 * ```
 * @since 0.1.0
 */
export class IndexFuncError extends KubeCacheError {
  override readonly name = 'IndexFuncError' as const;
  /** The index whose func failed. */
  readonly indexName: string;
  /** The store key of the object being indexed; `undefined` for a lookup with `index()`. */
  readonly key: string | undefined;

  /**
   * @param options - the index name, the key (if any) and the original error as `cause`.
   */
  constructor(options: { indexName: string; key: string | undefined; cause: unknown }) {
    const subject = options.key === undefined ? 'a lookup' : `key ${JSON.stringify(options.key)}`;
    super(
      `unable to calculate an index entry for ${subject} on index ${JSON.stringify(options.indexName)}: ${describeValue(options.cause)}`,
      { cause: options.cause },
    );
    this.indexName = options.indexName;
    this.key = options.key;
  }

  /**
   * Whether `error` is an `IndexFuncError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for an `IndexFuncError`.
   */
  static override isInstance(error: unknown): error is IndexFuncError {
    return KubeCacheError.hasName(error, 'IndexFuncError');
  }
}
