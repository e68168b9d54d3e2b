import { FailureWarnings } from '@kube-cache/reflector';
import type { Clock } from '@kube-cache/reflector';
import { DeltaProcessingError } from '../errors/delta-processing-error';
import { EventHandlerError } from '../errors/event-handler-error';
import type { SharedIndexInformerOptions } from './shared-index-informer-options';

/**
 * What an {@link InformerErrorReporter} needs from its informer.
 *
 * @internal
 */
export interface InformerErrorReporterOptions {
  informerName: string;
  clock: Clock;
  /** The informer's options: `onError` and `onReflectorEvent` are read at each error. */
  informerOptions: Pick<SharedIndexInformerOptions<unknown>, 'onError' | 'onReflectorEvent'>;
}

/**
 * Where an informer's failures go: to the user's handler when there is one, else to
 * `process.emitWarning`, rate-limited per kind of failure.
 *
 * @internal
 */
export class InformerErrorReporter {
  readonly #informerOptions: InformerErrorReporterOptions['informerOptions'];
  /** List and watch errors without a handler. */
  readonly #warnings: FailureWarnings;
  /** Handler and cache errors without `onError`: the error itself, once a minute per kind. */
  readonly #errorWarnings: FailureWarnings;

  constructor(options: InformerErrorReporterOptions) {
    this.#informerOptions = options.informerOptions;
    const source = `informer "${options.informerName}"`;
    this.#warnings = new FailureWarnings({ source, clock: options.clock });
    this.#errorWarnings = new FailureWarnings({
      source,
      clock: options.clock,
      keyOf: reportedErrorKey,
      // The error object itself (Node prints its name and message on one line), as before.
      emit: (line, error) => process.emitWarning(error instanceof Error ? error : new Error(line)),
    });
  }

  /** Reports a handler, cache or queue error to `onError`, else as a warning. Bound once. */
  readonly report = (error: unknown): void => {
    const onError = this.#informerOptions.onError;
    if (onError === undefined) {
      // A handler failing on every object of a large list must not flood stderr.
      this.#errorWarnings.warn(error);
      return;
    }
    try {
      onError(error);
    } catch {
      // A failing error reporter must not stop the informer.
    }
  };

  /** Reports a list or watch error to `handler` (the informer's watch error handler) if set. */
  reportListWatchError(error: unknown, handler: ((error: unknown) => void) | undefined): void {
    if (handler !== undefined) handler(error);
    // Whoever gets the reflector's events sees its errors; else say it the Node way.
    else if (this.#informerOptions.onReflectorEvent === undefined) this.#warnings.warn(error);
  }
}

/** Handler errors are "the same" per handler and callback; cache errors per delta type. */
function reportedErrorKey(error: unknown): string {
  if (EventHandlerError.isInstance(error)) {
    return `EventHandlerError|${error.handlerName}|${error.callback}`;
  }
  if (DeltaProcessingError.isInstance(error)) return `DeltaProcessingError|${error.deltaType}`;
  const name = (error as { name?: unknown } | null)?.name;
  return `${typeof name === 'string' ? name : typeof error}|${error instanceof Error ? error.message : ''}`;
}
