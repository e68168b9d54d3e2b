import { describe, expectTypeOf, it } from 'vitest';
import type { GetResult } from './get-result';
import { Queue } from './queue';
import { RateLimitingQueue } from './rate-limiting-queue';
import type { RateLimiter } from '../rate-limiters/rate-limiter';

interface Pod {
  metadata: { namespace: string; name: string };
}

describe('Queue types', () => {
  it('should hold strings by default', () => {
    expectTypeOf(new Queue().get()).resolves.toEqualTypeOf<GetResult<string>>();
    expectTypeOf(new Queue().add).parameter(0).toEqualTypeOf<string>();
  });

  it('should narrow the item on shutdown: false', async () => {
    const result = await new Queue<Pod>({ keyOf: (pod) => pod.metadata.name }).get();
    if (!result.shutdown) expectTypeOf(result.item).toEqualTypeOf<Pod>();
    else expectTypeOf(result.item).toEqualTypeOf<undefined>();
  });

  it('should type the key function and the rate limiter by the item', () => {
    expectTypeOf<ConstructorParameters<typeof Queue<Pod>>[0]>()
      .exclude<undefined>()
      .toHaveProperty('keyOf')
      .toEqualTypeOf<((item: Pod) => string) | undefined>();
    const queue = new RateLimitingQueue<Pod>({ keyOf: (pod) => pod.metadata.name });
    expectTypeOf(queue.addRateLimited).parameter(0).toEqualTypeOf<Pod>();
    expectTypeOf<RateLimiter<Pod>['when']>().returns.toEqualTypeOf<number>();
  });
});
