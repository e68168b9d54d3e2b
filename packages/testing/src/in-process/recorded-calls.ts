import type { ListOptions } from '@kube-cache/indexer';
import { FaultPlan } from '../cluster/fault-plan';
import { FakeListerWatcherError } from '../errors/fake-lister-watcher-error';
import type { FakeFailure, FakeListerWatcherCall } from './fake-lister-watcher-options';
import { connectionRefusedError, statusError } from './injected-failure';

/**
 * How every `list` and `watch` call of the in-process fake begins: it is recorded with a copy of
 * its options, an aborted signal rejects it, and a planned failure answers it before anything is
 * read.
 */
export class RecordedCalls {
  readonly #calls: FakeListerWatcherCall[] = [];
  readonly #faults = new FaultPlan<FakeFailure>();

  /** Every call so far, oldest first. */
  get calls(): ReadonlyArray<FakeListerWatcherCall> {
    return this.#calls;
  }

  /**
   * Makes the next `count` calls of `method` fail.
   *
   * @param method - `'list'` or `'watch'`.
   * @param failure - the status, or `'connection-refused'`.
   * @param count - how many calls fail.
   * @throws {@link FakeListerWatcherError} `InvalidArgument` when `count` is not a positive integer.
   */
  planFailure(method: 'list' | 'watch', failure: FakeFailure, count: number): void {
    if (!Number.isInteger(count) || count < 1) {
      throw new FakeListerWatcherError(
        'InvalidArgument',
        `count must be a positive integer, got ${count}`,
      );
    }
    this.#faults.plan({ method, count }, failure);
  }

  /**
   * Records a call and lets it go on, or throws what it must fail with.
   *
   * @param method - the call.
   * @param options - its options (copied).
   * @param signal - its signal.
   * @throws the abort reason when `signal` is aborted; an `ApiStatusError` or a refused
   *   connection's error when a failure was planned.
   */
  begin(method: 'list' | 'watch', options: ListOptions, signal: AbortSignal): void {
    this.#calls.push({ method, options: { ...options } });
    signal.throwIfAborted();
    const failure = this.#faults.take(method, '');
    if (failure === undefined) return;
    if (failure === 'connection-refused') throw connectionRefusedError();
    throw statusError(failure);
  }
}
