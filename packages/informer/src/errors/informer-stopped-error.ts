import { KubeCacheError } from '@kube-cache/store-core';

/**
 * Thrown when a handler or indexers were added to an informer that has stopped.
 *
 * @since 0.1.0
 */
export class InformerStoppedError extends KubeCacheError {
  override readonly name = 'InformerStoppedError' as const;

  /**
   * @param informerName - the informer's name.
   * @param action - what was attempted, for the message.
   */
  constructor(
    readonly informerName: string,
    action: string,
  ) {
    super(`${action}: informer ${JSON.stringify(informerName)} has stopped`);
  }

  /**
   * Whether `error` is an {@link InformerStoppedError}, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for an InformerStoppedError.
   */
  static override isInstance(error: unknown): error is InformerStoppedError {
    return KubeCacheError.hasName(error, 'InformerStoppedError');
  }
}
