import type { Clock } from '@kube-cache/store-core';

/**
 * A controller that aborts when `parent` does, or after `milliseconds` on `clock` (when given);
 * `dispose()` drops the timer and the listener on `parent`.
 *
 * @internal
 */
export function childController(
  clock: Clock,
  parent: AbortSignal | undefined,
  milliseconds?: number,
): { controller: AbortController; dispose: () => void } {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(parent?.reason);
  if (parent?.aborted === true) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onAbort, { once: true });
  const handle =
    milliseconds === undefined
      ? undefined
      : clock.setTimeout(() => {
          controller.abort(new DOMException('the deadline passed', 'TimeoutError'));
        }, milliseconds);
  return {
    controller,
    dispose: () => {
      parent?.removeEventListener('abort', onAbort);
      if (handle !== undefined) clock.clearTimeout(handle);
    },
  };
}

/**
 * Runs `operation` with a signal that aborts with `parent` or after `milliseconds`, and settles as
 * soon as that signal aborts even if `operation` ignores it (a stalled request never holds up the
 * elector).
 *
 * @internal
 */
export async function withTimeout<T>(
  clock: Clock,
  milliseconds: number,
  parent: AbortSignal,
  operation: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const { controller, dispose } = childController(clock, parent, milliseconds);
  const { signal } = controller;
  try {
    signal.throwIfAborted();
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_resolve, reject) => {
      onAbort = () => reject(abortReason(signal));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    const pending = operation(signal);
    // Whichever side loses the race must not surface as an unhandled rejection.
    pending.catch(() => undefined);
    aborted.catch(() => undefined);
    try {
      return await Promise.race([pending, aborted]);
    } finally {
      if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
    }
  } finally {
    dispose();
  }
}

/**
 * The abort reason of `signal` as an `Error` (the default reasons already are).
 *
 * @internal
 */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason));
}
