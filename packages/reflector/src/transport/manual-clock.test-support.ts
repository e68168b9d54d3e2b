import type { Clock } from '@kube-cache/store-core';

interface Timer {
  readonly at: number;
  readonly callback: () => void;
}

/**
 * A clock that moves only when told to ({@link ManualClock.advance}); real sockets keep real time.
 * Its handles have a no-op `unref`, as Node's do.
 */
export class ManualClock implements Clock {
  readonly #timers = new Map<number, Timer>();
  #now = 1_000_000;
  #nextId = 1;

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, milliseconds: number): unknown {
    const id = this.#nextId;
    this.#nextId += 1;
    this.#timers.set(id, { at: this.#now + Math.max(0, milliseconds), callback });
    return { id, unref: () => undefined };
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'object' && handle !== null && 'id' in handle) {
      this.#timers.delete((handle as { id: number }).id);
    }
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time forward, firing every timer that falls due, in order. */
  advance(milliseconds: number): void {
    const target = this.#now + milliseconds;
    for (;;) {
      let next: [number, Timer] | undefined;
      for (const entry of this.#timers) {
        if (entry[1].at <= target && (next === undefined || entry[1].at < next[1].at)) next = entry;
      }
      if (next === undefined) break;
      this.#timers.delete(next[0]);
      this.#now = next[1].at;
      next[1].callback();
    }
    this.#now = target;
  }
}
