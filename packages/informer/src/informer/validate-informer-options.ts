import { InvalidInformerOptionsError } from '../errors/invalid-informer-options-error';
import type { SharedIndexInformerOptions } from './shared-index-informer-options';

/**
 * Checks a resync period: a finite number of milliseconds, zero or more.
 *
 * @internal
 */
export function validateResyncPeriod(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidInformerOptionsError(
      `${name} must be a finite number of milliseconds >= 0, got ${String(value)}`,
    );
  }
}

/**
 * Checks the options of a SharedIndexInformer.
 *
 * @internal
 */
export function validateInformerOptions<T>(options: SharedIndexInformerOptions<T>): void {
  const listerWatcher: unknown = options.listerWatcher;
  if (
    typeof listerWatcher !== 'object' ||
    listerWatcher === null ||
    typeof (listerWatcher as { list?: unknown }).list !== 'function' ||
    typeof (listerWatcher as { watch?: unknown }).watch !== 'function'
  ) {
    throw new InvalidInformerOptionsError('listerWatcher must have list and watch methods');
  }
  if (options.resyncPeriod !== undefined)
    validateResyncPeriod('resyncPeriod', options.resyncPeriod);
  const queue: unknown = options.queue;
  if (queue !== undefined && queue !== 'real' && queue !== 'delta') {
    throw new InvalidInformerOptionsError(
      `queue must be 'real' or 'delta', got ${JSON.stringify(queue)}`,
    );
  }
  for (const [name, indexFunction] of Object.entries(options.indexers ?? {})) {
    if (typeof indexFunction !== 'function') {
      throw new InvalidInformerOptionsError(`indexer ${JSON.stringify(name)} is not a function`);
    }
  }
}
