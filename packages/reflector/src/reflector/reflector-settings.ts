import type { ListerWatcher } from '@kube-cache/indexer';
import { systemClock } from '@kube-cache/store-core';
import type { Clock } from '@kube-cache/store-core';
import { InvalidReflectorOptionsError } from '../errors/invalid-reflector-options-error';
import type { BackoffOptions, ReflectorOptions, ReflectorStore } from './reflector-types';

/**
 * The options of a reflector with every default filled in and every number checked.
 */
export interface ReflectorSettings<T> {
  listerWatcher: ListerWatcher<T>;
  store: ReflectorStore<T>;
  name: string;
  expectedType: { apiVersion?: string | undefined; kind: string } | undefined;
  /** The page size the caller asked for, or `undefined` for client-go's rules with 500. */
  explicitPageSize: number | undefined;
  resyncPeriodMilliseconds: number;
  shouldResync: (() => boolean) | undefined;
  minWatchTimeoutMilliseconds: number;
  watchInactivityTimeoutMilliseconds: number;
  backoff: BackoffOptions;
  clock: Clock;
  transform: ((object: T) => T) | undefined;
  useWatchList: boolean;
  onWatchError: ((error: unknown) => void) | undefined;
}

/** The default page size of the first list (client-go's). */
export const defaultPageSize = 500;

/**
 * Fills in the defaults of {@link ReflectorOptions} and checks them.
 *
 * @param options - what the caller passed.
 * @returns the complete settings.
 * @throws {@link InvalidReflectorOptionsError} for a missing lister-watcher or store, or a number
 *   out of range.
 */
export function reflectorSettings<T>(options: ReflectorOptions<T>): ReflectorSettings<T> {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidReflectorOptionsError('the Reflector needs an options object');
  }
  if (
    typeof options.listerWatcher?.list !== 'function' ||
    typeof options.listerWatcher.watch !== 'function'
  ) {
    throw new InvalidReflectorOptionsError('`listerWatcher` must have list and watch methods');
  }
  for (const method of ['add', 'update', 'delete', 'replace', 'resync'] as const) {
    if (typeof options.store?.[method] !== 'function') {
      throw new InvalidReflectorOptionsError(`\`store\` must have a ${method} method`);
    }
  }
  const positive = (
    name: string,
    value: number | undefined,
    fallback: number,
    allowZero = false,
  ): number => {
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
      throw new InvalidReflectorOptionsError(
        `\`${name}\` must be a ${allowZero ? 'non-negative' : 'positive'} number`,
      );
    }
    return value;
  };
  if (
    options.pageSize !== undefined &&
    (!Number.isInteger(options.pageSize) || options.pageSize <= 0)
  ) {
    throw new InvalidReflectorOptionsError('`pageSize` must be a positive integer');
  }
  const minWatchTimeoutMilliseconds = positive(
    'minWatchTimeoutMilliseconds',
    options.minWatchTimeoutMilliseconds,
    300_000,
  );
  if (minWatchTimeoutMilliseconds < 1000) {
    throw new InvalidReflectorOptionsError('`minWatchTimeoutMilliseconds` must be at least 1000');
  }
  const backoff = options.backoff ?? {};
  positive('backoff.initialMilliseconds', backoff.initialMilliseconds, 800);
  positive('backoff.maxMilliseconds', backoff.maxMilliseconds, 30_000);
  positive('backoff.jitter', backoff.jitter, 1, true);
  positive('backoff.resetAfterMilliseconds', backoff.resetAfterMilliseconds, 120_000);
  return {
    listerWatcher: options.listerWatcher,
    store: options.store,
    name: options.name ?? options.expectedType?.kind ?? 'reflector',
    expectedType: options.expectedType,
    explicitPageSize: options.pageSize,
    resyncPeriodMilliseconds: positive(
      'resyncPeriodMilliseconds',
      options.resyncPeriodMilliseconds,
      0,
      true,
    ),
    shouldResync: options.shouldResync,
    minWatchTimeoutMilliseconds,
    watchInactivityTimeoutMilliseconds: positive(
      'watchInactivityTimeoutMilliseconds',
      options.watchInactivityTimeoutMilliseconds,
      300_000,
    ),
    backoff,
    clock: options.clock ?? systemClock,
    transform: options.transform,
    useWatchList: options.useWatchList ?? false,
    onWatchError: options.onWatchError,
  };
}
