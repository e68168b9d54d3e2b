import { KubeCacheError } from '@kube-cache/store-core';

/**
 * Thrown when an event is pushed into a {@link FakeWatcher} that was already stopped (by `stop()`,
 * `fail()`, the consumer ending its iteration or the abort signal). An event pushed after the end
 * of the stream would otherwise be lost without notice.
 *
 * @example
 * ```ts
 * watcher.stop();
 * try {
 *   watcher.add(pod);
 * } catch (error) {
 *   if (WatcherStoppedError.isInstance(error)) console.log(error.message);
 * }
 * ```
 * @since 0.1.0
 */
export class WatcherStoppedError extends KubeCacheError {
  override readonly name = 'WatcherStoppedError' as const;

  /**
   * @param eventType - the type of the event that was pushed after the stop.
   * @param options - `cause`, if any.
   */
  constructor(eventType: string, options?: { cause?: unknown }) {
    super(`cannot push a ${eventType} event: the fake watcher is stopped`, options);
  }

  /**
   * Whether `error` is a `WatcherStoppedError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `WatcherStoppedError`.
   */
  static override isInstance(error: unknown): error is WatcherStoppedError {
    return KubeCacheError.hasName(error, 'WatcherStoppedError');
  }
}
