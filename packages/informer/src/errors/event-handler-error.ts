import { KubeCacheError } from '@kube-cache/store-core';

/**
 * An event handler threw (or its promise rejected). Reported to the informer's `onError`; the
 * informer and every other handler go on, and this handler gets its next event.
 *
 * @since 0.1.0
 */
export class EventHandlerError extends KubeCacheError {
  override readonly name = 'EventHandlerError' as const;

  /**
   * @param handlerName - the registration's name.
   * @param callback - which callback failed.
   * @param cause - what it threw.
   */
  constructor(
    readonly handlerName: string,
    readonly callback: 'onAdd' | 'onUpdate' | 'onDelete',
    cause: unknown,
  ) {
    super(`event handler ${JSON.stringify(handlerName)} failed in ${callback}`, { cause });
  }

  /**
   * Whether `error` is an {@link EventHandlerError}, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for an EventHandlerError.
   */
  static override isInstance(error: unknown): error is EventHandlerError {
    return KubeCacheError.hasName(error, 'EventHandlerError');
  }
}
