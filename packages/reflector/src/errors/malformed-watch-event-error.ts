import { KubeCacheError } from '@kube-cache/store-core';

/**
 * A watch event the reflector cannot apply: an unknown `type`, or an object without `metadata`
 * (or a bookmark without `metadata.resourceVersion`). The reflector reports it, skips the event
 * and goes on watching, as client-go (an unknown type with a resourceVersion still advances it).
 *
 * @since 0.1.0
 */
export class MalformedWatchEventError extends KubeCacheError {
  override readonly name = 'MalformedWatchEventError' as const;
  /** The event as received. */
  readonly event: unknown;

  /**
   * @param message - what is wrong with the event.
   * @param event - the event as received.
   */
  constructor(message: string, event: unknown) {
    super(message);
    this.event = event;
  }

  /**
   * Whether `error` is a `MalformedWatchEventError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `MalformedWatchEventError`.
   */
  static override isInstance(error: unknown): error is MalformedWatchEventError {
    return KubeCacheError.hasName(error, 'MalformedWatchEventError');
  }
}
