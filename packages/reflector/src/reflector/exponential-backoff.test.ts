import { describe, expect, it } from 'vitest';
import type { Clock } from '@kube-cache/store-core';
import { ExponentialBackoff } from './exponential-backoff';

function manualClock(): Clock & { advance(milliseconds: number): void } {
  let now = 0;
  return {
    now: () => now,
    setTimeout: () => undefined,
    clearTimeout: () => undefined,
    advance(milliseconds) {
      now += milliseconds;
    },
  };
}

describe('ExponentialBackoff', () => {
  it('should double from 800 ms and stop at 30 s (client-go defaults, no jitter draw)', () => {
    const backoff = new ExponentialBackoff({}, manualClock(), () => 0);
    const delays = Array.from({ length: 8 }, () => backoff.next());
    expect(delays).toEqual([800, 1600, 3200, 6400, 12800, 25600, 30000, 30000]);
  });

  it('should jitter each delay d into [d, 2d) with jitter 1.0', () => {
    const backoff = new ExponentialBackoff({}, manualClock(), () => 0.999);
    expect(backoff.next()).toBeCloseTo(1599.2);
    expect(backoff.next()).toBeCloseTo(3198.4);
  });

  it('should start over after 2 minutes without a call', () => {
    const clock = manualClock();
    const backoff = new ExponentialBackoff({}, clock, () => 0);
    backoff.next();
    backoff.next();
    clock.advance(120_000);
    expect(backoff.next()).toBe(3200);
    clock.advance(120_001);
    expect(backoff.next()).toBe(800);
  });

  it('should honour custom options', () => {
    const backoff = new ExponentialBackoff(
      { initialMilliseconds: 1, maxMilliseconds: 4, jitter: 0 },
      manualClock(),
      () => 0.5,
    );
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([1, 2, 4, 4]);
  });
});
