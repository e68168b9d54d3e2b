import { ApiStatusError } from '@kube-cache/indexer';
import type { ReflectorEvent } from '@kube-cache/reflector';

/**
 * What the reflector is doing right now, as shown in the live view.
 */
export type ReflectorState =
  'starting' | 'listing' | 'watching' | 'reconnecting' | 'relisting' | 'backoff';

/**
 * A summary of a reflector's events: the state, the initial sync's progress and counters.
 */
export interface ReflectorStatusSnapshot {
  state: ReflectorState;
  /** The last resourceVersion seen (listed, watched or bookmarked). */
  resourceVersion: string;
  /** Whether the initial list has been stored. */
  synced: boolean;
  /** Objects listed so far in the initial list (frozen once synced). */
  listed: number;
  /** The size of the initial list, once the server said (`remainingItemCount`). */
  total: number | undefined;
  /** Pages received in the initial list. */
  pages: number;
  /** Objects listed so far in a relist in progress; undefined when none is. */
  relisted: number | undefined;
  /** Lists after the first one. */
  relists: number;
  /** Watches opened. */
  watches: number;
  /** Times the reflector backed off after an error (only reported by a reflector's own events). */
  backoffs: number;
  /** `410 Expired` answers: a resourceVersion too old for the server, so a relist follows. */
  expired: number;
  /** The last reported error, as text. */
  lastError: string | undefined;
}

/**
 * Folds a reflector's {@link ReflectorEvent}s into a {@link ReflectorStatusSnapshot}.
 *
 * @example
 * ```ts
 * const status = new ReflectorStatus();
 * status.apply({ type: 'watch-started', resourceVersion: '42', timeoutSeconds: 300 });
 * status.snapshot().state; // 'watching'
 * ```
 */
export class ReflectorStatus {
  #state: ReflectorStatusSnapshot = {
    state: 'starting',
    resourceVersion: '',
    synced: false,
    listed: 0,
    total: undefined,
    pages: 0,
    relisted: undefined,
    relists: 0,
    watches: 0,
    backoffs: 0,
    expired: 0,
    lastError: undefined,
  };

  /**
   * Takes one reflector event into account.
   *
   * @param event - the event.
   */
  apply(event: ReflectorEvent): void {
    const status = this.#state;
    switch (event.type) {
      case 'list-page':
        if (status.synced) {
          status.relisted = event.totalSoFar;
        } else {
          status.pages += 1;
          status.listed = event.totalSoFar;
          if (event.remainingItemCount !== undefined)
            status.total = event.totalSoFar + event.remainingItemCount;
        }
        break;
      case 'listed':
        if (!status.synced) {
          status.listed = event.items;
          status.total = event.items;
          status.pages = Math.max(event.pages, status.pages);
        }
        status.relisted = undefined;
        status.resourceVersion = event.resourceVersion;
        break;
      case 'synced':
        status.synced = true;
        status.resourceVersion = event.resourceVersion;
        break;
      case 'watch-started':
        status.state = 'watching';
        status.watches += 1;
        status.resourceVersion = event.resourceVersion;
        break;
      case 'watch-ended':
        status.state = 'reconnecting';
        status.resourceVersion = event.resourceVersion;
        if (event.error !== undefined && event.error !== null)
          status.lastError = describeError(event.error);
        break;
      case 'relisting':
        if (status.synced) {
          status.relists += 1;
          status.relisted = 0;
          status.state = 'relisting';
        } else {
          // The initial list starts over (after a failure): its progress does too.
          status.listed = 0;
          status.pages = 0;
          status.total = undefined;
          status.state = 'listing';
        }
        break;
      case 'backoff':
        status.state = 'backoff';
        status.backoffs += 1;
        status.lastError = describeError(event.error);
        break;
      case 'error':
        status.lastError = describeError(event.error);
        if (ApiStatusError.isInstance(event.error) && event.error.code === 410) status.expired += 1;
        break;
      case 'resync':
        break;
    }
  }

  /**
   * @returns a copy of the current summary.
   */
  snapshot(): ReflectorStatusSnapshot {
    return { ...this.#state };
  }
}

/**
 * One line of text for an error of any shape.
 *
 * @param error - anything thrown or reported.
 * @returns its name and message, on one line.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const prefix =
      typeof code === 'number' || typeof code === 'string' ? `${error.name} ${code}` : error.name;
    return `${prefix}: ${error.message}`.replace(/\s+/g, ' ');
  }
  return String(error);
}
