import { KubeCacheError } from '@kube-cache/store-core';

/**
 * Thrown when a {@link FakeWatcher} is iterated a second time. A watch stream has a single
 * consumer, as a real HTTP watch does.
 *
 * @since 0.1.0
 */
export class WatcherConsumedError extends KubeCacheError {
  override readonly name = 'WatcherConsumedError' as const;

  /**
   * @param options - `cause`, if any.
   */
  constructor(options?: { cause?: unknown }) {
    super(
      'the fake watcher is already being consumed; a watch stream has a single consumer',
      options,
    );
  }

  /**
   * Whether `error` is a `WatcherConsumedError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `WatcherConsumedError`.
   */
  static override isInstance(error: unknown): error is WatcherConsumedError {
    return KubeCacheError.hasName(error, 'WatcherConsumedError');
  }
}
