import { describe, expect, it } from 'vitest';
import { FastSlowRateLimiter } from './fast-slow-rate-limiter';
import { InvalidWorkqueueArgumentError } from '../errors/invalid-workqueue-argument-error';

// Port of client-go default_rate_limiters_test.go (TestItemFastSlowRateLimiter).
describe('FastSlowRateLimiter', () => {
  it('should give the fast delay for the first attempts, then the slow one', () => {
    const limiter = new FastSlowRateLimiter({
      fastMilliseconds: 5,
      slowMilliseconds: 10_000,
      maxFastAttempts: 3,
    });
    expect([1, 2, 3, 4, 5].map(() => limiter.when('one'))).toEqual([5, 5, 5, 10_000, 10_000]);
    expect(limiter.numRequeues('one')).toBe(5);
    expect([limiter.when('two'), limiter.when('two')]).toEqual([5, 5]);
    expect(limiter.numRequeues('two')).toBe(2);
    limiter.forget('one');
    expect(limiter.numRequeues('one')).toBe(0);
    expect(limiter.when('one')).toBe(5);
  });

  it('should reject a fractional attempt count', () => {
    expect(
      () =>
        new FastSlowRateLimiter({ fastMilliseconds: 1, slowMilliseconds: 2, maxFastAttempts: 1.5 }),
    ).toThrow(InvalidWorkqueueArgumentError);
  });
});
