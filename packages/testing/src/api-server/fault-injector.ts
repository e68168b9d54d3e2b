import type { Status } from '@kube-cache/indexer';
import { defaultStatusReason, failureStatus } from '../cluster/api-status';

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

/**
 * The `Status` a planned failure answers with: the code, the reason (the usual one for the code
 * when not given), the message, and `retryAfterSeconds: 1` for a 429.
 *
 * @param status - the planned answer.
 * @returns the `Status`.
 */
export function plannedFailureStatus(status: FailureStatus): Status {
  const reason = status.reason ?? defaultStatusReason(status.code) ?? 'Unknown';
  const details = status.code === 429 ? { retryAfterSeconds: 1 } : undefined;
  return failureStatus(
    status.code,
    reason,
    status.message ?? `injected failure: ${reason}`,
    details,
  );
}
