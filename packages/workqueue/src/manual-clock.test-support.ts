import type { WorkqueueClock } from './workqueue-clock';

/** A clock that moves only when told to, firing due timers in time order. */
export interface ManualClock extends WorkqueueClock {
  /** Moves the time forward by `milliseconds`, firing every timer that comes due. */
  advance(milliseconds: number): void;
  /** Timers armed and neither fired nor cleared. */
  readonly pending: number;
}

export function manualClock(start = 0): ManualClock {
  let now = start;
  let sequence = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout: (callback, milliseconds) => {
      sequence += 1;
      timers.set(sequence, { at: now + Math.max(0, milliseconds), callback });
      return sequence;
    },
    clearTimeout: (handle) => {
      timers.delete(handle as number);
    },
    advance: (milliseconds) => {
      const target = now + milliseconds;
      for (;;) {
        let next: [number, { at: number; callback: () => void }] | undefined;
        for (const entry of timers) {
          if (entry[1].at <= target && (next === undefined || entry[1].at < next[1].at)) {
            next = entry;
          }
        }
        if (next === undefined) break;
        timers.delete(next[0]);
        now = Math.max(now, next[1].at);
        next[1].callback();
      }
      now = target;
    },
    get pending() {
      return timers.size;
    },
  };
}
