// A controller's worker loop on a rate-limited queue: three workers, an item that fails twice
// before it succeeds, and a clean drain on shutdown.
// Run: pnpm --filter @kube-cache/workqueue example
import { RateLimitingQueue } from '@kube-cache/workqueue';

const queue = new RateLimitingQueue<string>({ name: 'config-maps' });
const failuresLeft = new Map([['team-a/settings', 2]]);

async function reconcile(key: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 10)); // the API calls would go here
  const left = failuresLeft.get(key) ?? 0;
  if (left > 0) {
    failuresLeft.set(key, left - 1);
    throw new Error('409 Conflict');
  }
}

async function worker(id: number): Promise<void> {
  for (;;) {
    const { item, shutdown } = await queue.get();
    if (shutdown) return;
    try {
      await reconcile(item);
      queue.forget(item);
      console.log(`worker ${id}: ${item} reconciled`);
    } catch (error) {
      if (queue.numRequeues(item) < 5) {
        queue.addRateLimited(item);
        console.log(
          `worker ${id}: ${item} failed (${(error as Error).message}), retry #${queue.numRequeues(item)}`,
        );
      } else {
        queue.forget(item);
        console.log(`worker ${id}: ${item} dropped after 5 retries`);
      }
    } finally {
      queue.done(item);
    }
  }
}

const workers = [1, 2, 3].map(worker);
for (const key of ['team-a/settings', 'team-b/settings', 'team-a/settings', 'team-c/flags']) {
  queue.add(key); // the second 'team-a/settings' is deduplicated
}
await new Promise((resolve) => setTimeout(resolve, 200));
await queue.shutDownWithDrain();
await Promise.all(workers);
console.log('drained');
