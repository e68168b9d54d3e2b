import { describe, it, expect } from 'vitest';
import { runConcurrently } from './run-concurrently';

describe('runConcurrently', () => {
  it('should run every index once with no more than the given concurrency', async () => {
    const seen: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    await runConcurrently(20, 3, async (index) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await Promise.resolve();
      seen.push(index);
      inFlight -= 1;
    });
    expect([...seen].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, index) => index),
    );
    expect(maxInFlight).toBeLessThanOrEqual(3);
  });

  it('should reject with the first error', async () => {
    await expect(
      runConcurrently(5, 2, (index) =>
        index === 2 ? Promise.reject(new Error('boom')) : Promise.resolve(),
      ),
    ).rejects.toThrow('boom');
  });

  it('should do nothing for zero tasks', async () => {
    let calls = 0;
    await runConcurrently(0, 4, () => {
      calls += 1;
      return Promise.resolve();
    });
    expect(calls).toBe(0);
  });
});
