import { KubeCacheError } from '@kube-cache/store-core';

/**
 * A request was made on a {@link KubeTransport} after its `close()`.
 *
 * @since 0.2.0
 */
export class TransportClosedError extends KubeCacheError {
  override readonly name = 'TransportClosedError' as const;

  constructor() {
    super('the transport is closed');
  }

  /**
   * Whether `error` is a `TransportClosedError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `TransportClosedError`.
   */
  static override isInstance(error: unknown): error is TransportClosedError {
    return KubeCacheError.hasName(error, 'TransportClosedError');
  }
}
