import { describe, expect, it } from 'vitest';
import { ExponentialFailureRateLimiter } from './exponential-failure-rate-limiter';
import { FastSlowRateLimiter } from './fast-slow-rate-limiter';
import { InvalidWorkqueueArgumentError } from '../errors/invalid-workqueue-argument-error';
import { MaxOfRateLimiter } from './max-of-rate-limiter';
import type { RateLimiter } from './rate-limiter';

// Port of client-go default_rate_limiters_test.go (TestMaxOfRateLimiter).
describe('MaxOfRateLimiter', () => {
  it('should give the longest delay and the largest count, and forget in all', () => {
    const limiter = new MaxOfRateLimiter(
      new FastSlowRateLimiter({ fastMilliseconds: 5, slowMilliseconds: 3_000, maxFastAttempts: 3 }),
      new ExponentialFailureRateLimiter({ baseMilliseconds: 1, maxMilliseconds: 1_000 }),
    );
    expect([1, 2, 3, 4, 5].map(() => limiter.when('one'))).toEqual([5, 5, 5, 3_000, 3_000]);
    expect(limiter.numRequeues('one')).toBe(5);
    expect([limiter.when('two'), limiter.when('two')]).toEqual([5, 5]);
    expect(limiter.numRequeues('two')).toBe(2);
    limiter.forget('one');
    expect(limiter.numRequeues('one')).toBe(0);
    expect(limiter.when('one')).toBe(5);
  });

  it('should ask every limiter on each call', () => {
    const calls: string[] = [];
    const recording = (name: string, delay: number): RateLimiter<string> => ({
      when: (item) => {
        calls.push(`${name} ${item}`);
        return delay;
      },
      forget: () => undefined,
      numRequeues: () => 0,
    });
    const limiter = new MaxOfRateLimiter(recording('a', 1), recording('b', 7), recording('c', 3));
    expect(limiter.when('x')).toBe(7);
    expect(calls).toEqual(['a x', 'b x', 'c x']);
  });

  it('should reject an empty list', () => {
    expect(() => new MaxOfRateLimiter()).toThrow(InvalidWorkqueueArgumentError);
  });
});
