import { KubeCacheError } from '@kube-cache/store-core';

/**
 * `Reflector.run` was called while the reflector was already running.
 *
 * @since 0.1.0
 */
export class ReflectorAlreadyRunningError extends KubeCacheError {
  override readonly name = 'ReflectorAlreadyRunningError' as const;

  /**
   * @param reflectorName - the reflector's name, for the message.
   */
  constructor(reflectorName: string) {
    super(`the reflector ${reflectorName} is already running`);
  }

  /**
   * Whether `error` is a `ReflectorAlreadyRunningError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `ReflectorAlreadyRunningError`.
   */
  static override isInstance(error: unknown): error is ReflectorAlreadyRunningError {
    return KubeCacheError.hasName(error, 'ReflectorAlreadyRunningError');
  }
}
