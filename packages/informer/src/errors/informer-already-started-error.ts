import { KubeCacheError } from '@kube-cache/store-core';

/**
 * Thrown when an informer was started a second time, or configured (setTransform, setWatchErrorHandler) after it started.
 *
 * @since 0.1.0
 */
export class InformerAlreadyStartedError extends KubeCacheError {
  override readonly name = 'InformerAlreadyStartedError' as const;

  /**
   * @param informerName - the informer's name.
   * @param action - what was attempted, for the message.
   */
  constructor(
    readonly informerName: string,
    action: string,
  ) {
    super(`${action}: informer ${JSON.stringify(informerName)} has already started`);
  }

  /**
   * Whether `error` is an {@link InformerAlreadyStartedError}, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for an InformerAlreadyStartedError.
   */
  static override isInstance(error: unknown): error is InformerAlreadyStartedError {
    return KubeCacheError.hasName(error, 'InformerAlreadyStartedError');
  }
}
