// What a failure planned with FakeListerWatcher.failNext throws: the ApiStatusError a client raises
// for a Status answer, or the error of a refused connection.
import { ApiStatusError } from '@kube-cache/indexer';
import type { Status, StatusCause } from '@kube-cache/indexer';
import { defaultStatusReason, failureStatus } from '../cluster/api-status';

/**
 * What a failure carries: the HTTP status code and, optionally, the `Status` reason, message and
 * causes. Missing parts get the API server's usual values for the code.
 */
export interface StatusFailure {
  status: number;
  reason?: string | undefined;
  message?: string | undefined;
  causes?: readonly StatusCause[] | undefined;
}

/**
 * Builds a `Status` body as the API server sends it for a failure.
 *
 * @param failure - the code, and optionally the reason, message and causes.
 * @returns the `Status` object (`kind: 'Status'`, `status: 'Failure'`).
 * @example
 * ```ts
 * statusBody({ status: 410, message: 'too old resource version: 1 (5)' }).reason; // 'Expired'
 * ```
 */
export function statusBody(failure: StatusFailure): Status {
  const reason = failure.reason ?? defaultStatusReason(failure.status) ?? '';
  return failureStatus(
    failure.status,
    reason,
    failure.message ??
      `the server answered ${failure.status}${reason === '' ? '' : ` (${reason})`}`,
    failure.causes === undefined
      ? undefined
      : { causes: failure.causes.map((cause) => ({ ...cause })) },
  );
}

/**
 * Builds the `ApiStatusError` that a client raises for a failure answer, with a real `Status` body.
 *
 * @param failure - the code, and optionally the reason, message and causes.
 * @returns the error.
 */
export function statusError(failure: StatusFailure): ApiStatusError {
  return ApiStatusError.fromStatus(statusBody(failure));
}

/**
 * Builds the error Node's HTTP client raises when nothing listens on the port.
 *
 * @returns an `Error` with `code: 'ECONNREFUSED'`.
 */
export function connectionRefusedError(): Error & { code: 'ECONNREFUSED' } {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), {
    code: 'ECONNREFUSED' as const,
    errno: -111,
    syscall: 'connect',
    address: '127.0.0.1',
    port: 443,
  });
}
