import { KubeCacheError } from '@kube-cache/store-core';

/**
 * Thrown by `FakeApiServer.start` for options it refuses, before anything listens: an unknown
 * protocol, HTTP/2 without TLS, or a host other than loopback without a token.
 *
 * @example
 * ```ts
 * try {
 *   await FakeApiServer.start({ host: '0.0.0.0' });
 * } catch (error) {
 *   if (FakeApiServerOptionsError.isInstance(error)) console.log(error.option, error.message);
 * }
 * ```
 * @since 0.2.0
 */
export class FakeApiServerOptionsError extends KubeCacheError {
  override readonly name = 'FakeApiServerOptionsError' as const;
  /** The option at fault, for example `host`. */
  readonly option: string;

  /**
   * @param option - the option at fault.
   * @param problem - what is wrong with it, completing "option `x` ...".
   * @param options - `cause`, if any.
   */
  constructor(option: string, problem: string, options?: { cause?: unknown }) {
    super(`FakeApiServer option '${option}' ${problem}`, options);
    this.option = option;
  }

  /**
   * Whether `error` is a `FakeApiServerOptionsError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `FakeApiServerOptionsError`.
   */
  static override isInstance(error: unknown): error is FakeApiServerOptionsError {
    return KubeCacheError.hasName(error, 'FakeApiServerOptionsError');
  }
}
