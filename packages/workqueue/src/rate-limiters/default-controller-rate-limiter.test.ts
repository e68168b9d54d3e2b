import { describe, expect, it } from 'vitest';
import { defaultControllerRateLimiter } from './default-controller-rate-limiter';

describe('defaultControllerRateLimiter', () => {
  it('should be the larger of the 5 ms exponential backoff and the 10 qps, burst 100 bucket', () => {
    const now = 0;
    const limiter = defaultControllerRateLimiter({ clock: { now: () => now } });
    expect([limiter.when('a'), limiter.when('a'), limiter.when('a')]).toEqual([5, 10, 20]);
    // 97 more calls empty the bucket (100 tokens); the next distinct items wait on it.
    for (let index = 0; index < 97; index += 1) limiter.when(`item-${index}`);
    expect(Math.round(limiter.when('b'))).toBe(100);
    expect(Math.round(limiter.when('c'))).toBe(200);
    expect(limiter.numRequeues('a')).toBe(3);
    limiter.forget('a');
    expect(limiter.numRequeues('a')).toBe(0);
  });
});
