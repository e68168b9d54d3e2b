import { KubeCacheError } from './kube-cache-error';

/**
 * A store method got an argument it cannot use: a key that is not a string, `undefined` as the
 * object to store, or indexers that are not functions. Thrown before anything changes.
 *
 * @example
 * ```ts
 * try {
 *   store.add('key', undefined as never);
 * } catch (error) {
 *   if (InvalidArgumentError.isInstance(error)) console.log(error.argument); // 'object'
 * }
 * ```
 * @since 0.1.0
 */
export class InvalidArgumentError extends KubeCacheError {
  override readonly name = 'InvalidArgumentError' as const;
  /** The name of the offending argument, for example `key`, `object` or `indexers.byNode`. */
  readonly argument: string;

  /**
   * @param argument - the name of the offending argument.
   * @param message - what is wrong with it.
   */
  constructor(argument: string, message: string) {
    super(`invalid ${argument}: ${message}`);
    this.argument = argument;
  }

  /**
   * Whether `error` is an `InvalidArgumentError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for an `InvalidArgumentError`.
   */
  static override isInstance(error: unknown): error is InvalidArgumentError {
    return KubeCacheError.hasName(error, 'InvalidArgumentError');
  }
}
