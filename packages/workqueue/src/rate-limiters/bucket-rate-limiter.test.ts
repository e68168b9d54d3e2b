import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BucketRateLimiter } from './bucket-rate-limiter';
import { InvalidWorkqueueArgumentError } from '../errors/invalid-workqueue-argument-error';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('BucketRateLimiter', () => {
  it('should let a burst through, then space calls 1/qps apart (tokens go negative)', () => {
    const limiter = new BucketRateLimiter({ qps: 10, burst: 100 });
    const delays = Array.from({ length: 103 }, () => limiter.when('item'));
    expect(delays.slice(0, 100).every((delay) => delay === 0)).toBe(true);
    expect(delays.slice(100).map((delay) => Math.round(delay))).toEqual([100, 200, 300]);
    expect(limiter.numRequeues('item')).toBe(0);
  });

  it('should refill at qps tokens a second, up to the burst', () => {
    const limiter = new BucketRateLimiter({ qps: 10, burst: 2 });
    expect([limiter.when('a'), limiter.when('b'), limiter.when('c')]).toEqual([0, 0, 100]);
    // The third call reserved the token that arrives at 100 ms.
    vi.advanceTimersByTime(100);
    expect(Math.round(limiter.when('d'))).toBe(100);
    vi.advanceTimersByTime(10_000);
    expect([limiter.when('e'), limiter.when('f'), Math.round(limiter.when('g'))]).toEqual([
      0, 0, 100,
    ]);
  });

  it('should take its time from an injected clock', () => {
    let now = 0;
    const limiter = new BucketRateLimiter({ qps: 1, burst: 1, clock: { now: () => now } });
    expect(limiter.when('a')).toBe(0);
    expect(limiter.when('a')).toBe(1_000);
    now = 5_000;
    expect(limiter.when('a')).toBe(0);
  });

  it('should reject a rate that is not above 0 and a burst that is not a positive integer', () => {
    expect(() => new BucketRateLimiter({ qps: 0 })).toThrow(InvalidWorkqueueArgumentError);
    expect(() => new BucketRateLimiter({ burst: 0 })).toThrow(InvalidWorkqueueArgumentError);
    expect(() => new BucketRateLimiter({ burst: 2.5 })).toThrow(/burst/);
  });
});
