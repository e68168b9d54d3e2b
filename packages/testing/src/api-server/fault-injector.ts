import type { Status } from '@kube-cache/indexer';
import { defaultStatusReason, failureStatus } from '../cluster/api-status';

/**
 * Which requests a planned failure applies to. `path` is compared with the URL path (a string
 * must be equal, a RegExp must match); `count` defaults to 1.
 *
 * @since 0.1.0
 */
export interface FailureMatch {
  readonly method?: string | undefined;
  readonly path?: string | RegExp | undefined;
  readonly count?: number | undefined;
}

/**
 * The answer of a planned failure: the HTTP code and, optionally, the Status reason and message.
 *
 * @since 0.1.0
 */
export interface FailureStatus {
  readonly code: number;
  readonly reason?: string | undefined;
  readonly message?: string | undefined;
}

interface PlannedFailure {
  readonly match: FailureMatch;
  remaining: number;
  readonly status: Status;
}

/**
 * Holds the planned failures: the next N requests that match answer with a given Status.
 *
 * @since 0.1.0
 */
export class FaultInjector {
  #planned: PlannedFailure[] = [];

  /**
   * Plans a failure.
   *
   * @param match - which requests, and how many times.
   * @param status - what to answer.
   */
  failNext(match: FailureMatch, status: FailureStatus): void {
    const reason = status.reason ?? defaultStatusReason(status.code) ?? 'Unknown';
    const details = status.code === 429 ? { retryAfterSeconds: 1 } : undefined;
    this.#planned.push({
      match,
      remaining: Math.max(1, match.count ?? 1),
      status: failureStatus(
        status.code,
        reason,
        status.message ?? `injected failure: ${reason}`,
        details,
      ),
    });
  }

  /**
   * Takes the first planned failure matching a request, if any.
   *
   * @param method - the request method.
   * @param path - the URL path.
   * @returns the Status to answer, or undefined to handle the request normally.
   */
  take(method: string, path: string): Status | undefined {
    const failure = this.#planned.find(({ match }) => {
      if (match.method !== undefined && match.method.toUpperCase() !== method.toUpperCase())
        return false;
      if (match.path === undefined) return true;
      return typeof match.path === 'string' ? match.path === path : match.path.test(path);
    });
    if (failure === undefined) return undefined;
    failure.remaining -= 1;
    if (failure.remaining <= 0) this.#planned = this.#planned.filter((item) => item !== failure);
    return failure.status;
  }

  /** Forgets every planned failure. */
  clear(): void {
    this.#planned = [];
  }
}
