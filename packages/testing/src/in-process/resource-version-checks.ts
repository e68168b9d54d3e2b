import type { ApiStatusError } from '@kube-cache/indexer';
import { statusError } from '../cluster/status-body';

/**
 * Parses a resourceVersion option as the fake's integer.
 *
 * @param text - the option, neither empty nor `"0"`.
 * @returns the integer.
 * @throws `ApiStatusError` 400 `BadRequest` when it is not a positive integer.
 * @since 0.1.0
 */
export function parseResourceVersion(text: string): number {
  const value = /^[1-9][0-9]*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value)) {
    throw statusError({
      status: 400,
      message: `invalid resource version: ${JSON.stringify(text)}`,
    });
  }
  return value;
}

/**
 * The 410 answer for a resourceVersion older than the retained history.
 *
 * @param requested - the requested resourceVersion.
 * @param oldest - the oldest resourceVersion still usable.
 * @returns the error (reason `Expired`).
 * @since 0.1.0
 */
export function tooOldError(requested: number, oldest: number): ApiStatusError {
  return statusError({
    status: 410,
    reason: 'Expired',
    message: `too old resource version: ${requested} (${oldest})`,
  });
}

/**
 * The 504 answer the API server gives, after waiting, for a resourceVersion it has not reached.
 *
 * @param requested - the requested resourceVersion.
 * @param current - the current resourceVersion.
 * @returns the error (reason `Timeout`, cause `ResourceVersionTooLarge`).
 * @since 0.1.0
 */
export function tooLargeError(requested: number, current: number): ApiStatusError {
  return statusError({
    status: 504,
    reason: 'Timeout',
    message: `Timeout: Too large resource version: ${requested}, current: ${current}`,
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
  });
}

/**
 * The 422 answer for options the API server's validation refuses.
 *
 * @param field - the offending field of `ListOptions`.
 * @param detail - why it is refused.
 * @returns the error (reason `Invalid`).
 * @since 0.1.0
 */
export function invalidOptionsError(field: string, detail: string): ApiStatusError {
  return statusError({
    status: 422,
    reason: 'Invalid',
    message: `ListOptions.meta.k8s.io "" is invalid: ${field}: Forbidden: ${detail}`,
    causes: [{ reason: 'FieldValueForbidden', message: `Forbidden: ${detail}`, field }],
  });
}
