import { ApiStatusError } from '@kube-cache/indexer';
import { describe, expect, it } from 'vitest';
import {
  isBrokenStreamError,
  isConnectionRefusedError,
  isExpiredError,
  isRetriableWatchError,
  isTooLargeResourceVersionError,
  requestedRetryDelay,
} from './api-error-predicates';
import { ConnectionLostError } from './connection-lost-error';

describe('API error predicates', () => {
  it('should recognise expired resource versions (410 Expired and Gone)', () => {
    expect(isExpiredError(ApiStatusError.fromStatus({ code: 410, reason: 'Expired' }))).toBe(true);
    expect(isExpiredError(ApiStatusError.fromStatus({ code: 410, reason: 'Gone' }))).toBe(true);
    expect(isExpiredError(ApiStatusError.fromStatus({ code: 500, reason: 'InternalError' }))).toBe(
      false,
    );
    expect(isExpiredError(new Error('410'))).toBe(false);
  });

  it('should recognise the three forms of "too large resource version"', () => {
    const byCause = ApiStatusError.fromStatus({
      code: 504,
      reason: 'Timeout',
      details: { causes: [{ reason: 'ResourceVersionTooLarge' }] },
    });
    const byCauseMessage = ApiStatusError.fromStatus({
      code: 504,
      reason: 'Timeout',
      details: { causes: [{ message: 'Too large resource version' }] },
    });
    const byMessage = ApiStatusError.fromStatus({
      code: 504,
      reason: 'Timeout',
      message: 'Too large resource version: 9, current: 5',
    });
    const otherTimeout = ApiStatusError.fromStatus({
      code: 504,
      reason: 'Timeout',
      message: 'request timed out',
    });

    expect([byCause, byCauseMessage, byMessage].map(isTooLargeResourceVersionError)).toEqual([
      true,
      true,
      true,
    ]);
    expect(isTooLargeResourceVersionError(otherTimeout)).toBe(false);
  });

  it('should treat 429 and refused connections (also as a cause) as retriable watch errors', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(
      isRetriableWatchError(ApiStatusError.fromStatus({ code: 429, reason: 'TooManyRequests' })),
    ).toBe(true);
    expect(isConnectionRefusedError(new Error('fetch failed', { cause: refused }))).toBe(true);
    expect(isRetriableWatchError(ApiStatusError.fromStatus({ code: 500 }))).toBe(false);
  });

  it('should recognise broken streams', () => {
    expect(isBrokenStreamError(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))).toBe(
      true,
    );
    expect(isBrokenStreamError(new Error('aborted'))).toBe(true);
    expect(isBrokenStreamError(new Error('boom'))).toBe(false);
  });

  it('should treat a lost connection and HTTP/2 stream resets as broken streams, and a lost connection as retriable', () => {
    const lost = new ConnectionLostError('ping-timeout', { origin: 'https://127.0.0.1:6443' });
    const reset = Object.assign(new Error('Stream closed with error code NGHTTP2_CANCEL'), {
      code: 'ERR_HTTP2_STREAM_ERROR',
    });

    expect([isBrokenStreamError(lost), isBrokenStreamError(reset)]).toEqual([true, true]);
    expect([isRetriableWatchError(lost), isRetriableWatchError(reset)]).toEqual([true, false]);
  });

  it('should read the wait a server asked for, capped at 10 minutes', () => {
    const status = { kind: 'Status' as const, code: 429, reason: 'TooManyRequests' };

    expect(
      requestedRetryDelay(new ApiStatusError(429, { status, retryAfterMilliseconds: 5000 })),
    ).toBe(5000);
    expect(
      requestedRetryDelay(
        ApiStatusError.fromStatus({ ...status, details: { retryAfterSeconds: 2 } }),
      ),
    ).toBe(2000);
    expect(requestedRetryDelay(new ApiStatusError(429, { retryAfterMilliseconds: 1e12 }))).toBe(
      600_000,
    );
    expect(requestedRetryDelay(ApiStatusError.fromStatus(status))).toBe(0);
    expect(requestedRetryDelay(new Error('429'))).toBe(0);
  });
});
