import type { SharedProcessor } from '../handlers/shared-processor';
import { determineResyncPeriod, minimumResyncPeriod } from './resync-period';
import { validateResyncPeriod } from './validate-informer-options';

/**
 * An informer's resync periods (client-go's `resyncCheckPeriod` and each handler's period): how
 * often the reflector asks whether a resync is due, and how a new handler's period fits it.
 *
 * @internal
 */
export class ResyncSchedule<T> {
  readonly #processor: SharedProcessor<T>;
  readonly #defaultHandlerPeriod: number;
  #checkPeriod: number;

  /**
   * @param processor - the informer's handlers, whose periods follow a lowered check period.
   * @param informerPeriod - the informer's `resyncPeriod` option (0: no resync).
   */
  constructor(processor: SharedProcessor<T>, informerPeriod: number) {
    this.#processor = processor;
    this.#checkPeriod = informerPeriod;
    this.#defaultHandlerPeriod = informerPeriod;
  }

  /** How often the reflector checks whether a handler is due for a resync (0: never). */
  get checkPeriod(): number {
    return this.#checkPeriod;
  }

  /**
   * A new handler's requested period: its own (default the informer's), raised to at least
   * {@link minimumResyncPeriod}. Shorter than the check period, it lowers the check period before
   * start (and the registered handlers follow); after start it is raised to the check period.
   *
   * @throws {@link InvalidInformerOptionsError} for a negative or non-finite period.
   */
  handlerPeriod(requested: number | undefined, started: boolean): number {
    let resyncPeriod = requested ?? this.#defaultHandlerPeriod;
    validateResyncPeriod('resyncPeriod', resyncPeriod);
    if (resyncPeriod > 0) {
      resyncPeriod = Math.max(resyncPeriod, minimumResyncPeriod);
      if (resyncPeriod < this.#checkPeriod) {
        if (started) resyncPeriod = this.#checkPeriod;
        else this.#changeCheckPeriod(resyncPeriod);
      }
    }
    return resyncPeriod;
  }

  /** The period a handler resyncs at, given its requested period and the check period. */
  effectivePeriod(requested: number): number {
    return determineResyncPeriod(requested, this.#checkPeriod);
  }

  #changeCheckPeriod(period: number): void {
    this.#checkPeriod = period;
    for (const listener of this.#processor.listeners) {
      listener.setResyncPeriod(determineResyncPeriod(listener.requestedResyncPeriod, period));
    }
  }
}
