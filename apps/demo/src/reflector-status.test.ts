import { describe, it, expect } from 'vitest';
import { ApiStatusError } from '@kube-cache/indexer';
import { describeError, ReflectorStatus } from './reflector-status';

describe('ReflectorStatus', () => {
  it('should follow the initial list page by page, then the watch', () => {
    const status = new ReflectorStatus();
    expect(status.snapshot().state).toBe('starting');
    status.apply({ type: 'relisting', reason: 'initial' });
    status.apply({ type: 'list-page', items: 500, totalSoFar: 500, remainingItemCount: 1500 });
    expect(status.snapshot()).toMatchObject({
      state: 'listing',
      listed: 500,
      total: 2000,
      pages: 1,
    });
    status.apply({ type: 'list-page', items: 500, totalSoFar: 1000, remainingItemCount: 1000 });
    status.apply({ type: 'listed', items: 2000, resourceVersion: '77', pages: 4 });
    status.apply({ type: 'synced', resourceVersion: '77' });
    status.apply({ type: 'watch-started', resourceVersion: '77', timeoutSeconds: 300 });
    expect(status.snapshot()).toMatchObject({
      state: 'watching',
      synced: true,
      listed: 2000,
      total: 2000,
      pages: 4,
      watches: 1,
      relists: 0,
      resourceVersion: '77',
    });
  });

  it('should count relists and backoffs and keep the last error', () => {
    const status = new ReflectorStatus();
    status.apply({ type: 'relisting', reason: 'initial' });
    status.apply({ type: 'list-page', items: 2, totalSoFar: 2, remainingItemCount: 0 });
    status.apply({ type: 'listed', items: 2, resourceVersion: '5', pages: 1 });
    status.apply({ type: 'synced', resourceVersion: '5' });
    status.apply({ type: 'watch-started', resourceVersion: '5', timeoutSeconds: 300 });
    status.apply({ type: 'watch-ended', resourceVersion: '9', events: 4, error: undefined });
    expect(status.snapshot().state).toBe('reconnecting');
    status.apply({ type: 'relisting', reason: 'expired' });
    status.apply({ type: 'list-page', items: 1, totalSoFar: 1, remainingItemCount: 2 });
    // A relist shows its own progress and leaves the initial sync's figures alone.
    expect(status.snapshot()).toMatchObject({
      state: 'relisting',
      relists: 1,
      relisted: 1,
      listed: 2,
      total: 2,
      pages: 1,
    });
    status.apply({ type: 'listed', items: 3, resourceVersion: '12', pages: 2 });
    expect(status.snapshot()).toMatchObject({
      relisted: undefined,
      listed: 2,
      resourceVersion: '12',
    });
    status.apply({
      type: 'backoff',
      milliseconds: 800,
      error: new ApiStatusError(500, { message: 'boom' }),
    });
    expect(status.snapshot()).toMatchObject({
      state: 'backoff',
      backoffs: 1,
      lastError: 'ApiStatusError 500: boom',
    });
    status.apply({
      type: 'error',
      error: ApiStatusError.fromStatus({ code: 410, reason: 'Expired', message: 'too old' }),
    });
    expect(status.snapshot()).toMatchObject({
      expired: 1,
      lastError: 'ApiStatusError 410: too old',
    });
  });
});

describe('describeError', () => {
  it('should put an error on one line with its code', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED\n127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    expect(describeError(error)).toBe('Error ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1');
    expect(describeError('plain')).toBe('plain');
  });
});
