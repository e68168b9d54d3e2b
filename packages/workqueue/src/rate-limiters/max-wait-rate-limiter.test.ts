import { describe, expect, it } from 'vitest';
import { MaxWaitRateLimiter } from './max-wait-rate-limiter';
import type { RateLimiter } from './rate-limiter';

// Port of client-go default_rate_limiters_test.go (TestWithMaxWaitRateLimiter).
describe('MaxWaitRateLimiter', () => {
  it('should cap the delay of the wrapped limiter and pass the rest through', () => {
    let calls = 0;
    // 5 ms for the first 100 calls over all items, 1000 s afterwards.
    const step: RateLimiter<string> = {
      when: () => {
        calls += 1;
        return calls <= 100 ? 5 : 1_000_000;
      },
      forget: () => undefined,
      numRequeues: () => calls,
    };
    const limiter = new MaxWaitRateLimiter(step, 500_000);
    const delays = Array.from({ length: 200 }, (_, index) => limiter.when(String(index)));
    expect(delays.slice(0, 100).every((delay) => delay === 5)).toBe(true);
    expect(delays.slice(100).every((delay) => delay === 500_000)).toBe(true);
    expect(limiter.numRequeues('any')).toBe(200);
  });
});
