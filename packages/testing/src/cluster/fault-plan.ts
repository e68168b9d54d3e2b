/**
 * Which calls a planned failure applies to: the method (any when absent; compared in any case),
 * the path (compared with the URL path of an HTTP request: a string must be equal, a RegExp must
 * match; any when absent), `count` times (default 1). Both fakes plan their failures with it.
 *
 * @since 0.1.0
 */
export interface FailureMatch {
  readonly method?: string | undefined;
  readonly path?: string | RegExp | undefined;
  readonly count?: number | undefined;
}

interface PlannedFault<Failure> {
  readonly match: FailureMatch;
  remaining: number;
  readonly failure: Failure;
}

/**
 * The failures planned for the next calls, in the order they were planned: both fakes' fault
 * injection (the HTTP fake plans a `Status` per request path, the in-process fake a status or a
 * refused connection per method).
 *
 * @typeParam Failure - what a failing call answers with.
 */
export class FaultPlan<Failure> {
  #planned: PlannedFault<Failure>[] = [];

  /**
   * Plans a failure.
   *
   * @param match - which calls, and how many times.
   * @param failure - what they answer with.
   */
  plan(match: FailureMatch, failure: Failure): void {
    this.#planned.push({ match, remaining: Math.max(1, match.count ?? 1), failure });
  }

  /**
   * Takes the first planned failure that matches a call, if any.
   *
   * @param method - the call's method.
   * @param path - the call's path (`''` for an in-process call).
   * @returns the failure, or `undefined` to answer the call normally.
   */
  take(method: string, path: string): Failure | undefined {
    const planned = this.#planned.find(({ match }) => {
      if (match.method !== undefined && match.method.toUpperCase() !== method.toUpperCase())
        return false;
      if (match.path === undefined) return true;
      return typeof match.path === 'string' ? match.path === path : match.path.test(path);
    });
    if (planned === undefined) return undefined;
    planned.remaining -= 1;
    if (planned.remaining <= 0) this.#planned = this.#planned.filter((item) => item !== planned);
    return planned.failure;
  }

  /** Forgets every planned failure. */
  clear(): void {
    this.#planned = [];
  }
}
