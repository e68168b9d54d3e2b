import { KubeCacheError } from '@kube-cache/store-core';

/**
 * {@link splitMetaNamespaceKey} got a key with more than one `/` (client-go: `unexpected key
 * format`).
 *
 * @example
 * ```ts
 * try {
 *   splitMetaNamespaceKey('a/b/c');
 * } catch (error) {
 *   if (MalformedKeyError.isInstance(error)) console.log(error.key); // 'a/b/c'
 * }
 * ```
 * @since 0.1.0
 */
export class MalformedKeyError extends KubeCacheError {
  override readonly name = 'MalformedKeyError' as const;
  /** The key that could not be split. */
  readonly key: string;

  /**
   * @param key - the malformed key.
   */
  constructor(key: string) {
    super(`unexpected key format: ${JSON.stringify(key)}`);
    this.key = key;
  }

  /**
   * Whether `error` is a `MalformedKeyError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `MalformedKeyError`.
   */
  static override isInstance(error: unknown): error is MalformedKeyError {
    return KubeCacheError.hasName(error, 'MalformedKeyError');
  }
}
