import { InvalidLeaderElectionOptionsError } from '../errors/invalid-leader-election-options-error';
import type { LeaderElectionOptions } from './leader-election-options';

/** client-go's `JitterFactor`: acquire tries are `retryPeriod x [1, 2.2)` apart. */
export const jitterFactor = 1.2;

/** The validated durations. @internal */
export interface LeaderElectionTimings {
  leaseDurationMilliseconds: number;
  renewDeadlineMilliseconds: number;
  retryPeriodMilliseconds: number;
  requestTimeoutMilliseconds: number;
}

function finite(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidLeaderElectionOptionsError(`${name} must be a finite number`);
  }
  return value;
}

/**
 * Checks the options in client-go's order (`NewLeaderElector`) and fills in the defaults.
 *
 * @internal
 */
export function resolveLeaderElectionOptions(
  options: LeaderElectionOptions,
): LeaderElectionTimings {
  const lease = finite('leaseDurationMilliseconds', options.leaseDurationMilliseconds ?? 15_000);
  const renew = finite('renewDeadlineMilliseconds', options.renewDeadlineMilliseconds ?? 10_000);
  const retry = finite('retryPeriodMilliseconds', options.retryPeriodMilliseconds ?? 2_000);
  if (lease <= renew) {
    throw new InvalidLeaderElectionOptionsError(
      'leaseDurationMilliseconds must be greater than renewDeadlineMilliseconds',
    );
  }
  if (renew <= jitterFactor * retry) {
    throw new InvalidLeaderElectionOptionsError(
      'renewDeadlineMilliseconds must be greater than retryPeriodMilliseconds * 1.2',
    );
  }
  for (const [name, value] of [
    ['leaseDurationMilliseconds', lease],
    ['renewDeadlineMilliseconds', renew],
    ['retryPeriodMilliseconds', retry],
  ] as const) {
    if (value <= 0)
      throw new InvalidLeaderElectionOptionsError(`${name} must be greater than zero`);
  }
  // The Lease holds whole seconds: under one second would be written as 0, an expired lease.
  if (lease < 1000) {
    throw new InvalidLeaderElectionOptionsError(
      'leaseDurationMilliseconds must be at least 1000 (the Lease stores whole seconds)',
    );
  }
  if (typeof options.onStartedLeading !== 'function') {
    throw new InvalidLeaderElectionOptionsError('onStartedLeading must be a function');
  }
  if (typeof options.onStoppedLeading !== 'function') {
    throw new InvalidLeaderElectionOptionsError('onStoppedLeading must be a function');
  }
  if (options.kubeConfig === undefined && options.leaseClient === undefined) {
    throw new InvalidLeaderElectionOptionsError('give a kubeConfig or a leaseClient');
  }
  const reference = options.lease as { namespace?: unknown; name?: unknown } | undefined;
  if (typeof reference?.namespace !== 'string' || reference.namespace === '') {
    throw new InvalidLeaderElectionOptionsError('lease.namespace must be a non-empty string');
  }
  if (typeof reference.name !== 'string' || reference.name === '') {
    throw new InvalidLeaderElectionOptionsError('lease.name must be a non-empty string');
  }
  if (typeof options.identity !== 'string' || options.identity === '') {
    throw new InvalidLeaderElectionOptionsError('identity is empty');
  }
  const timeout = finite(
    'requestTimeoutMilliseconds',
    options.requestTimeoutMilliseconds ?? Math.max(1000, renew / 2),
  );
  if (timeout <= 0) {
    throw new InvalidLeaderElectionOptionsError(
      'requestTimeoutMilliseconds must be greater than zero',
    );
  }
  return {
    leaseDurationMilliseconds: lease,
    renewDeadlineMilliseconds: renew,
    retryPeriodMilliseconds: retry,
    requestTimeoutMilliseconds: timeout,
  };
}
