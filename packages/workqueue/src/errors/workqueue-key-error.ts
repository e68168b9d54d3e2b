import { KubeCacheError } from '@kube-cache/store-core';

/**
 * The queue's (or rate limiter's) key function threw for an item. The call that needed the key
 * (`add`, `done`, `addAfter`, `when`, ...) changed nothing; the original error is the `cause`.
 *
 * @example
 * ```ts
 * try {
 *   queue.add(pod);
 * } catch (error) {
 *   if (WorkqueueKeyError.isInstance(error)) console.error(error.cause);
 * }
 * ```
 * @since 0.2.0
 */
export class WorkqueueKeyError extends KubeCacheError {
  override readonly name = 'WorkqueueKeyError' as const;

  /**
   * @param options - the `cause`: what the key function threw.
   */
  constructor(options: { cause: unknown }) {
    super(
      `the key function threw: ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`,
      options,
    );
  }

  /**
   * Whether `error` is a `WorkqueueKeyError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `WorkqueueKeyError`.
   */
  static override isInstance(error: unknown): error is WorkqueueKeyError {
    return KubeCacheError.hasName(error, 'WorkqueueKeyError');
  }
}
