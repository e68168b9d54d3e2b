import { KubeCacheError } from '@kube-cache/store-core';

/**
 * A watch closed in under a second without a single event. Counted as a failure (as in
 * client-go), so the reflector backs off and relists instead of spinning.
 *
 * @since 0.1.0
 */
export class VeryShortWatchError extends KubeCacheError {
  override readonly name = 'VeryShortWatchError' as const;

  /**
   * @param reflectorName - the reflector's name, for the message.
   */
  constructor(reflectorName: string) {
    super(
      `very short watch: ${reflectorName}: unexpected watch close - ` +
        'watch lasted less than a second and no items received',
    );
  }

  /**
   * Whether `error` is a `VeryShortWatchError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `VeryShortWatchError`.
   */
  static override isInstance(error: unknown): error is VeryShortWatchError {
    return KubeCacheError.hasName(error, 'VeryShortWatchError');
  }
}
