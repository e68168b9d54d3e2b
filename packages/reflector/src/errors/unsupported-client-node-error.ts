import { KubeCacheError } from '@kube-cache/store-core';

/**
 * The installed `@kubernetes/client-node` cannot work on the running Node.js (2.x needs Node.js
 * 22.19 or newer). Thrown when `@kube-cache/reflector` is imported, so that the one sentence saying
 * what to install comes before client-node's own obscure failure.
 *
 * @example
 * ```ts
 * // On Node 20 with @kubernetes/client-node 2.0.1 installed:
 * await import('@kube-cache/reflector'); // throws UnsupportedClientNodeError
 * ```
 * @since 0.2.0
 */
export class UnsupportedClientNodeError extends KubeCacheError {
  override readonly name = 'UnsupportedClientNodeError' as const;
  /** The installed `@kubernetes/client-node` version, as its package.json says. */
  readonly clientNodeVersion: string;
  /** The running Node.js version, without the `v`. */
  readonly nodeVersion: string;

  /**
   * @param message - the sentence saying what to install.
   * @param versions - the client-node and Node.js versions that do not fit.
   */
  constructor(message: string, versions: { clientNodeVersion: string; nodeVersion: string }) {
    super(message);
    this.clientNodeVersion = versions.clientNodeVersion;
    this.nodeVersion = versions.nodeVersion;
  }

  /**
   * Whether `error` is an `UnsupportedClientNodeError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for an `UnsupportedClientNodeError`.
   */
  static override isInstance(error: unknown): error is UnsupportedClientNodeError {
    return KubeCacheError.hasName(error, 'UnsupportedClientNodeError');
  }
}
