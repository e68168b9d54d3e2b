import { KubeCacheError } from '@kube-cache/store-core';

/**
 * {@link indexByField} got an unusable field path (empty, or with an empty segment), or found a
 * value it cannot index (an object) at the end of the path.
 *
 * @example
 * ```ts
 * indexByField('spec..nodeName'); // throws FieldPathError
 * ```
 * @since 0.1.0
 */
export class FieldPathError extends KubeCacheError {
  override readonly name = 'FieldPathError' as const;
  /** The field path, segments joined with `.`. */
  readonly path: string;

  /**
   * @param path - the field path.
   * @param reason - what is wrong.
   */
  constructor(path: string, reason: string) {
    super(`field path ${JSON.stringify(path)}: ${reason}`);
    this.path = path;
  }

  /**
   * Whether `error` is a `FieldPathError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `FieldPathError`.
   */
  static override isInstance(error: unknown): error is FieldPathError {
    return KubeCacheError.hasName(error, 'FieldPathError');
  }
}
