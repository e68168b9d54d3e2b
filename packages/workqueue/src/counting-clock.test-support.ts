import { realClock } from './workqueue-clock';
import type { WorkqueueClock } from './workqueue-clock';

/** A clock over the (fake) global timers that counts the timers armed and live. */
export interface CountingClock extends WorkqueueClock {
  /** Timers armed so far. */
  readonly armed: number;
  /** Timers armed and neither fired nor cleared. */
  readonly live: number;
  /** The most timers live at once. */
  readonly mostLive: number;
}

export function countingClock(): CountingClock {
  const live = new Set<unknown>();
  let armed = 0;
  let mostLive = 0;
  return {
    now: () => realClock.now(),
    setTimeout: (callback, milliseconds) => {
      armed += 1;
      const handle = realClock.setTimeout(() => {
        live.delete(handle);
        callback();
      }, milliseconds);
      live.add(handle);
      mostLive = Math.max(mostLive, live.size);
      return handle;
    },
    clearTimeout: (handle) => {
      live.delete(handle);
      realClock.clearTimeout(handle);
    },
    get armed() {
      return armed;
    },
    get live() {
      return live.size;
    },
    get mostLive() {
      return mostLive;
    },
  };
}
