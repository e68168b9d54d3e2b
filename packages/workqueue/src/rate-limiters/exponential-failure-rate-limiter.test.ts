import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExponentialFailureRateLimiter } from './exponential-failure-rate-limiter';
import { InvalidWorkqueueArgumentError } from '../errors/invalid-workqueue-argument-error';

// Ports of client-go default_rate_limiters_test.go (TestItemExponentialFailureRateLimiter*).
describe('ExponentialFailureRateLimiter', () => {
  it('should double per failure of each item, count requeues and forget', () => {
    const limiter = new ExponentialFailureRateLimiter({
      baseMilliseconds: 1,
      maxMilliseconds: 1_000,
    });
    expect([1, 2, 3, 4, 5].map(() => limiter.when('one'))).toEqual([1, 2, 4, 8, 16]);
    expect(limiter.numRequeues('one')).toBe(5);
    expect([limiter.when('two'), limiter.when('two')]).toEqual([1, 2]);
    expect(limiter.numRequeues('two')).toBe(2);
    limiter.forget('one');
    expect(limiter.numRequeues('one')).toBe(0);
    expect(limiter.when('one')).toBe(1);
  });

  it('should cap at the maximum and never overflow', () => {
    const limiter = new ExponentialFailureRateLimiter({
      baseMilliseconds: 1,
      maxMilliseconds: 1_000_000,
    });
    for (let index = 0; index < 5; index += 1) limiter.when('one');
    expect(limiter.when('one')).toBe(32);
    for (let index = 0; index < 1_000; index += 1) limiter.when('overflow1');
    expect(limiter.when('overflow1')).toBe(1_000_000);

    const minute = 60_000;
    const hours = new ExponentialFailureRateLimiter({
      baseMilliseconds: minute,
      maxMilliseconds: 1_000 * 60 * minute,
    });
    hours.when('two');
    hours.when('two');
    expect(hours.when('two')).toBe(4 * minute);
    for (let index = 0; index < 1_000; index += 1) hours.when('overflow2');
    expect(hours.when('overflow2')).toBe(1_000 * 60 * minute);
  });

  it('should default to 5 ms doubling up to 1000 s, reached on the 19th failure', () => {
    const limiter = new ExponentialFailureRateLimiter();
    const delays = Array.from({ length: 20 }, () => limiter.when('item'));
    expect(delays.slice(0, 3)).toEqual([5, 10, 20]);
    expect(delays[17]).toBe(655_360);
    expect(delays[18]).toBe(1_000_000);
    expect(delays[19]).toBe(1_000_000);
  });

  it('should give base first, never decrease and never pass the maximum, for any settings', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.integer({ min: 1, max: 2_000 }),
        (base, extra, calls) => {
          const limiter = new ExponentialFailureRateLimiter({
            baseMilliseconds: base,
            maxMilliseconds: base + extra,
          });
          const delays = Array.from({ length: calls }, () => limiter.when('item'));
          expect(delays[0]).toBe(Math.min(base, base + extra));
          const broken = delays.findIndex(
            (delay, index) =>
              !(delay <= base + extra) || (index > 0 && !(delay >= (delays[index - 1] as number))),
          );
          expect(broken).toBe(-1);
          expect(limiter.numRequeues('item')).toBe(calls);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('should key objects through keyOf', () => {
    const limiter = new ExponentialFailureRateLimiter<{ id: string }>({ keyOf: (item) => item.id });
    limiter.when({ id: 'a' });
    expect(limiter.when({ id: 'a' })).toBe(10);
    expect(limiter.numRequeues({ id: 'a' })).toBe(2);
  });

  it('should reject a negative base or a maximum below the base', () => {
    expect(() => new ExponentialFailureRateLimiter({ baseMilliseconds: -1 })).toThrow(
      InvalidWorkqueueArgumentError,
    );
    expect(
      () => new ExponentialFailureRateLimiter({ baseMilliseconds: 10, maxMilliseconds: 5 }),
    ).toThrow(/maxMilliseconds/);
  });
});
