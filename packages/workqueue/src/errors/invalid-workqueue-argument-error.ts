import { KubeCacheError } from '@kube-cache/store-core';

/**
 * A workqueue or rate limiter got an argument it cannot use: a delay that is not a number, a
 * negative burst, a `maxOf` with no limiters, metrics without a queue name. Thrown before
 * anything changes.
 *
 * @example
 * ```ts
 * try {
 *   queue.addAfter('default/web', Number.NaN);
 * } catch (error) {
 *   if (InvalidWorkqueueArgumentError.isInstance(error)) console.log(error.argument); // 'milliseconds'
 * }
 * ```
 * @since 0.2.0
 */
export class InvalidWorkqueueArgumentError extends KubeCacheError {
  override readonly name = 'InvalidWorkqueueArgumentError' as const;
  /** The name of the offending argument or option, for example `milliseconds` or `burst`. */
  readonly argument: string;

  /**
   * @param argument - the name of the offending argument or option.
   * @param message - what is wrong with it.
   */
  constructor(argument: string, message: string) {
    super(`invalid ${argument}: ${message}`);
    this.argument = argument;
  }

  /**
   * Whether `error` is an `InvalidWorkqueueArgumentError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for an `InvalidWorkqueueArgumentError`.
   */
  static override isInstance(error: unknown): error is InvalidWorkqueueArgumentError {
    return KubeCacheError.hasName(error, 'InvalidWorkqueueArgumentError');
  }
}
