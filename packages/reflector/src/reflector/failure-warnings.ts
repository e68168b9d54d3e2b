import { isBrokenStreamError, isExpiredError } from '../errors/api-error-predicates';
import { ConnectionLostError } from '../errors/connection-lost-error';
import { systemClock } from '@kube-cache/store-core';
import type { Clock } from '@kube-cache/store-core';

/**
 * The `type` of every warning kube-cache emits with `process.emitWarning`, for
 * `process.on('warning', ...)` filters and `node --disable-warning=KubeCacheWarning`.
 *
 * @since 0.2.0
 */
export const kubeCacheWarningType = 'KubeCacheWarning';

/**
 * The `code` of a kube-cache warning about a failed list or watch (or another failure reported
 * while no error handler is registered).
 *
 * @since 0.2.0
 */
export const listWatchFailedWarningCode = 'KUBE_CACHE_LIST_WATCH_FAILED';

/** The default quiet period per distinct failure. */
const defaultIntervalMilliseconds = 60_000;
/** Long messages are cut: one warning is one line. */
const maxMessageLength = 300;

/**
 * Options of {@link FailureWarnings}.
 *
 * @since 0.2.0
 */
export interface FailureWarningsOptions {
  /** Who fails, for the text: for example `reflector "pods"`. */
  source: string;
  /** The clock of the quiet period; default the system clock (fake timers drive it). */
  clock?: Clock | undefined;
  /** How long a distinct failure stays quiet after it was warned about; default 60 s. */
  intervalMilliseconds?: number | undefined;
  /**
   * Where a warning goes; default `process.emitWarning` (type `KubeCacheWarning`). Gets the line
   * and the error it describes.
   */
  emit?: ((message: string, error: unknown) => void) | undefined;
  /**
   * What makes failures "the same" for the quiet period; default the error's name, `code` and
   * `reason`.
   */
  keyOf?: ((error: unknown) => string) | undefined;
}

interface KeyState {
  lastWarned: number;
  suppressed: number;
}

/**
 * Failures made visible the Node way when no error handler is registered: one
 * `process.emitWarning` line per distinct failure (error name, code and reason), at most once per
 * interval per failure; repeats in between are counted and the count is given with the next line.
 * The text comes from the error's name, code and message only (kube-cache's errors never quote
 * a response body or a credential); a URL's user info is removed as a last line of defence.
 * Aborts are never warned about, nor the routine ends of a watch that client-go's default watch
 * error handler does not log either: `410 Expired`/`Gone` (a relist follows) and a stream cut by
 * a reset or EOF (a re-watch follows); a connection lost to the health check is warned about.
 *
 * @example
 * ```ts
 * const warnings = new FailureWarnings({ source: 'reflector "pods"' });
 * warnings.warn(error); // (node:1234) KubeCacheWarning: reflector "pods": list/watch failed: ...
 * ```
 * @since 0.2.0
 */
export class FailureWarnings {
  readonly #source: string;
  readonly #clock: Clock;
  readonly #intervalMilliseconds: number;
  readonly #emit: (message: string, error: unknown) => void;
  readonly #keyOf: (error: unknown) => string;
  readonly #keys = new Map<string, KeyState>();

  /**
   * @param options - the source name, clock, interval and sink.
   */
  constructor(options: FailureWarningsOptions) {
    this.#source = options.source;
    this.#clock = options.clock ?? systemClock;
    this.#intervalMilliseconds = options.intervalMilliseconds ?? defaultIntervalMilliseconds;
    this.#emit = options.emit ?? emitProcessWarning;
    this.#keyOf = options.keyOf ?? failureKey;
  }

  /**
   * Warns about `error` unless the same kind of failure was warned about within the interval.
   *
   * @param error - the failure.
   * @returns whether a warning was emitted.
   */
  warn(error: unknown): boolean {
    if (isAbort(error) || isRoutine(error)) return false;
    const key = this.#keyOf(error);
    const now = this.#clock.now();
    const state = this.#keys.get(key);
    if (state !== undefined && now - state.lastWarned < this.#intervalMilliseconds) {
      state.suppressed += 1;
      return false;
    }
    const suppressed = state?.suppressed ?? 0;
    this.#keys.set(key, { lastWarned: now, suppressed: 0 });
    const repeats =
      suppressed === 0
        ? ''
        : ` (${suppressed} more like it since the last warning, ${Math.round(
            (now - (state?.lastWarned ?? now)) / 1000,
          )} s ago)`;
    this.#emit(`${this.#source}: ${describeFailure(error)}${repeats}`, error);
    return true;
  }
}

/**
 * One line describing a failure: name, code and message, without URL user info.
 *
 * @param error - the failure.
 * @returns the text.
 * @internal
 */
export function describeFailure(error: unknown): string {
  const { name, code } = errorParts(error);
  const message = error instanceof Error ? error.message : String(error);
  const head = code === undefined ? name : `${name} (${code})`;
  let text = `${head}: ${message}`
    .replace(/\s+/gu, ' ')
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/giu, '$1');
  if (text.length > maxMessageLength) text = `${text.slice(0, maxMessageLength - 3)}...`;
  return text;
}

function failureKey(error: unknown): string {
  const { name, code } = errorParts(error);
  const reason = (error as { reason?: unknown } | null)?.reason;
  return `${name}|${code ?? ''}|${typeof reason === 'string' ? reason : ''}`;
}

function errorParts(error: unknown): { name: string; code: string | undefined } {
  if (typeof error !== 'object' || error === null) return { name: typeof error, code: undefined };
  const { name, code } = error as { name?: unknown; code?: unknown };
  return {
    name: typeof name === 'string' ? name : 'Error',
    code: typeof code === 'string' || typeof code === 'number' ? String(code) : undefined,
  };
}

function isRoutine(error: unknown): boolean {
  return (
    isExpiredError(error) || (isBrokenStreamError(error) && !ConnectionLostError.isInstance(error))
  );
}

function isAbort(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'AbortError';
}

function emitProcessWarning(message: string): void {
  process.emitWarning(message, { type: kubeCacheWarningType, code: listWatchFailedWarningCode });
}
