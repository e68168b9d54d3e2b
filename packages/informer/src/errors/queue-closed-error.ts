import { KubeCacheError } from '@kube-cache/store-core';

/**
 * Thrown (rejected) by `pop` on a queue that was closed and has nothing left: the consumer loop
 * should end. client-go's `ErrFIFOClosed`.
 *
 * @example
 * ```ts
 * try {
 *   await queue.pop(process);
 * } catch (error) {
 *   if (QueueClosedError.isInstance(error)) return;
 *   throw error;
 * }
 * ```
 * @since 0.1.0
 */
export class QueueClosedError extends KubeCacheError {
  override readonly name = 'QueueClosedError' as const;

  /**
   * @param queueName - the kind of queue (`RealFIFO`, `DeltaFIFO`), for the message.
   */
  constructor(queueName: string) {
    super(`${queueName}: the queue is closed`);
  }

  /**
   * Whether `error` is a {@link QueueClosedError}, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a QueueClosedError.
   */
  static override isInstance(error: unknown): error is QueueClosedError {
    return KubeCacheError.hasName(error, 'QueueClosedError');
  }
}
