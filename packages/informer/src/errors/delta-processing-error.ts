import { KubeCacheError } from '@kube-cache/store-core';
import type { DeltaType } from '../queue/delta';

/**
 * The informer could not apply a delta to its cache (for example an index function threw). The
 * cache is unchanged for that delta and no handler was told about it; reported to `onError`, and
 * the informer goes on with the next delta.
 *
 * @since 0.1.0
 */
export class DeltaProcessingError extends KubeCacheError {
  override readonly name = 'DeltaProcessingError' as const;

  /**
   * @param informerName - the informer's name.
   * @param deltaType - the type of the delta that failed.
   * @param cause - what the cache threw.
   */
  constructor(
    readonly informerName: string,
    readonly deltaType: DeltaType,
    cause: unknown,
  ) {
    super(`informer ${JSON.stringify(informerName)} could not apply a ${deltaType} delta`, {
      cause,
    });
  }

  /**
   * Whether `error` is a {@link DeltaProcessingError}, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a DeltaProcessingError.
   */
  static override isInstance(error: unknown): error is DeltaProcessingError {
    return KubeCacheError.hasName(error, 'DeltaProcessingError');
  }
}
