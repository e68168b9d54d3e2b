/**
 * Lets async consumers sleep until a producer has something for them: `wait()` resolves at the
 * next `notify()`. Every waiter is woken by one `notify`.
 *
 * @internal
 */
export class Wakeup {
  #promise: Promise<void> | undefined;
  #resolve: (() => void) | undefined;

  /**
   * @returns a promise that resolves at the next {@link Wakeup.notify}.
   */
  wait(): Promise<void> {
    this.#promise ??= new Promise<void>((resolve) => {
      this.#resolve = resolve;
    });
    return this.#promise;
  }

  /** Wakes every current waiter. */
  notify(): void {
    const resolve = this.#resolve;
    if (resolve === undefined) return;
    this.#promise = undefined;
    this.#resolve = undefined;
    resolve();
  }
}
