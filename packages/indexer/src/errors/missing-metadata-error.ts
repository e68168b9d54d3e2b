import { KubeCacheError } from '@kube-cache/store-core';
import { describeObject } from './describe-object';

/**
 * An object that should be a Kubernetes object has no usable `metadata` (client-go: "object has
 * no meta"): none at all, or a `name`/`namespace` that is not a string. Key funcs wrap it in a
 * {@link KeyError}; index funcs throw it as is (the store then reports an `IndexFuncError`).
 *
 * @example
 * ```ts
 * metaNamespaceIndexFunc({}); // throws MissingMetadataError
 * ```
 * @since 0.1.0
 */
export class MissingMetadataError extends KubeCacheError {
  override readonly name = 'MissingMetadataError' as const;
  /** The object without metadata. */
  readonly object: unknown;

  /**
   * @param object - the object without usable metadata.
   * @param detail - what exactly is missing or wrong, if more than "no metadata".
   */
  constructor(object: unknown, detail?: string) {
    super(
      `object has no meta${detail === undefined ? '' : ` (${detail})`}: ${describeObject(object)}`,
    );
    this.object = object;
  }

  /**
   * Whether `error` is a `MissingMetadataError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `MissingMetadataError`.
   */
  static override isInstance(error: unknown): error is MissingMetadataError {
    return KubeCacheError.hasName(error, 'MissingMetadataError');
  }
}
