import { ApiStatusError } from '@kube-cache/indexer';
import { describe, expect, it } from 'vitest';
import { ConnectionLostError } from '../errors/connection-lost-error';
import { InactivityTimeoutError } from '../errors/inactivity-timeout-error';
import { InvalidListWatchConfigError } from '../errors/invalid-list-watch-config-error';
import { VeryShortWatchError } from '../errors/very-short-watch-error';
import {
  classifyListWatchError,
  isResourceVersionUnavailable,
  isRetriableWatchFailure,
  relistReasonFor,
} from './list-watch-error-policy';
import type { ListWatchErrorKind } from './list-watch-error-policy';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('classifyListWatchError', () => {
  it('should give every kind of list or watch failure its one kind', () => {
    const cases: [unknown, ListWatchErrorKind][] = [
      [new InvalidListWatchConfigError('the KubeConfig has no current cluster'), 'invalid-config'],
      [new InactivityTimeoutError('watch', 300_000), 'inactivity'],
      [
        new ConnectionLostError('ping-timeout', { origin: 'https://127.0.0.1:6443' }),
        'connection-lost',
      ],
      [ApiStatusError.fromStatus({ code: 410, reason: 'Expired' }), 'expired'],
      [ApiStatusError.fromStatus({ code: 410, reason: 'Gone' }), 'expired'],
      [
        ApiStatusError.fromStatus({
          code: 504,
          reason: 'Timeout',
          details: { causes: [{ reason: 'ResourceVersionTooLarge' }] },
        }),
        'too-large-resource-version',
      ],
      [ApiStatusError.fromStatus({ code: 429, reason: 'TooManyRequests' }), 'too-many-requests'],
      [withCode('connect ECONNREFUSED 127.0.0.1:6443', 'ECONNREFUSED'), 'connection-refused'],
      [withCode('socket hang up', 'ECONNRESET'), 'broken-stream'],
      [new VeryShortWatchError('pods'), 'other'],
      [ApiStatusError.fromStatus({ code: 403, reason: 'Forbidden' }), 'other'],
      [undefined, 'other'],
    ];
    for (const [error, kind] of cases)
      expect([error, classifyListWatchError(error)]).toEqual([error, kind]);
  });

  it('should say what each kind means for the next step', () => {
    expect(isResourceVersionUnavailable('expired')).toBe(true);
    expect(isResourceVersionUnavailable('too-large-resource-version')).toBe(true);
    expect(isResourceVersionUnavailable('broken-stream')).toBe(false);
    expect(
      (['connection-lost', 'connection-refused', 'too-many-requests'] as const).every(
        isRetriableWatchFailure,
      ),
    ).toBe(true);
    expect(isRetriableWatchFailure('inactivity')).toBe(false);
    expect(isRetriableWatchFailure('expired')).toBe(false);
    expect(relistReasonFor('expired')).toBe('expired');
    expect(relistReasonFor('too-large-resource-version')).toBe('too-large-resource-version');
    expect(relistReasonFor('other')).toBe('watch-error');
    expect(relistReasonFor('broken-stream')).toBe('watch-error');
  });
});
