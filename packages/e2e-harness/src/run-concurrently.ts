/**
 * Runs `task(0) ... task(count - 1)` with at most `concurrency` in flight, for seeding and churn.
 * A failing task rejects the whole run (after the tasks in flight settle) unless the task catches
 * its own errors.
 *
 * @param count - how many tasks.
 * @param concurrency - at most this many at once (at least 1).
 * @param task - the work for one index.
 * @returns once every task has settled.
 * @throws the first task error.
 * @since 0.1.0
 */
export async function runConcurrently(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let firstError: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < count && firstError === undefined) {
      const index = next;
      next += 1;
      try {
        await task(index);
      } catch (error) {
        firstError ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  if (firstError !== undefined) throw firstError.error;
}
