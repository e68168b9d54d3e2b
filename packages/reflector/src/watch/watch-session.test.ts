import type { ListerWatcher, WatchEvent } from '@kube-cache/indexer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BookmarkPeriod } from './bookmark-period';
import { systemClock } from '@kube-cache/store-core';
import { InactivityTimeoutError } from '../errors/inactivity-timeout-error';
import { WatchSession } from './watch-session';

type Event = WatchEvent<{ n: number }>;

/** A stream that hands out `events`, then never settles again and ignores every signal. */
function deafStream(
  events: Event[],
  marks: { connectionHealthChecked?: boolean } = {},
): AsyncIterable<Event> & { returned: boolean; connectionHealthChecked?: boolean } {
  const stream = {
    ...marks,
    returned: false,
    [Symbol.asyncIterator](): AsyncIterator<Event> {
      let index = 0;
      return {
        next: () => {
          const event = events[index];
          index += 1;
          return event === undefined
            ? new Promise<IteratorResult<Event>>(() => undefined)
            : Promise.resolve({ done: false, value: event });
        },
        return: () => {
          stream.returned = true;
          return new Promise<IteratorResult<Event>>(() => undefined);
        },
      };
    },
  };
  return stream;
}

function lister(stream: AsyncIterable<Event>): ListerWatcher<{ n: number }> {
  return {
    list: () => Promise.resolve({ items: [], resourceVersion: '1' }),
    watch: () => Promise.resolve(stream),
  };
}

const added = (n: number): Event => ({ type: 'ADDED', object: { n } });

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('WatchSession', () => {
  it('should drain events in order into the handler, count them, and stop when it returns false', async () => {
    const stream = deafStream([added(1), added(2), added(3), added(4)]);
    const controller = new AbortController();
    const session = await WatchSession.open(
      lister(stream),
      {},
      { clock: systemClock, inactivityMilliseconds: 10_000, signal: controller.signal },
    );
    const seen: unknown[] = [];
    await session.drain((event) => {
      seen.push(event);
      return seen.length < 3;
    });
    expect(seen).toEqual([added(1), added(2), added(3)]);
    expect(session.events).toBe(3);
    session.close();
    expect(stream.returned).toBe(true);
  });

  it('should reject the drain with what the handler throws', async () => {
    const controller = new AbortController();
    const session = await WatchSession.open(
      lister(deafStream([added(1)])),
      {},
      { clock: systemClock, inactivityMilliseconds: 10_000, signal: controller.signal },
    );
    const failure = new Error('handler failed');
    await expect(
      session.drain(() => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    session.close();
  });

  it('should settle a drain on a stream that ignores its signal when the reflector stops', async () => {
    const controller = new AbortController();
    const session = await WatchSession.open(
      lister(deafStream([added(1)])),
      {},
      { clock: systemClock, inactivityMilliseconds: 300_000, signal: controller.signal },
    );
    const draining = session.drain(() => true);
    const reason = new Error('stopped');
    controller.abort(reason);
    await expect(draining).rejects.toBe(reason);
    await expect(session.next()).rejects.toBe(reason);
    session.close();
  });

  it('should end a drain and a read on a silent stream that ignores its signal at the inactivity limit', async () => {
    const controller = new AbortController();
    const session = await WatchSession.open(
      lister(deafStream([added(1)])),
      {},
      { clock: systemClock, inactivityMilliseconds: 10_000, signal: controller.signal },
    );
    expect(await session.next()).toEqual(added(1));
    const reading = session.next();
    const outcome = reading.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(9_999);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(InactivityTimeoutError.isInstance(error)).toBe(true);
    expect((error as InactivityTimeoutError).milliseconds).toBe(10_000);
    session.close();
  });

  it('should run no timer on a health-checked stream until bookmarks teach a limit', async () => {
    const controller = new AbortController();
    const bookmarkPeriod = new BookmarkPeriod();
    const session = await WatchSession.open(
      lister(deafStream([], { connectionHealthChecked: true })),
      {},
      {
        clock: systemClock,
        inactivityMilliseconds: 300_000,
        signal: controller.signal,
        bookmarkPeriod,
      },
    );
    expect(session.healthChecked).toBe(true);
    expect(session.limit).toBeUndefined();
    const outcome = session.drain(() => true).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(vi.getTimerCount()).toBe(0);
    for (let index = 0; index < 3; index += 1) {
      session.bookmarkSeen();
      await vi.advanceTimersByTimeAsync(60_000);
    }
    expect(session.limit).toBe(150_000);
    expect(session.limitFromBookmarks).toBe(true);
    await vi.advanceTimersByTimeAsync(90_000);
    expect(InactivityTimeoutError.isInstance(await outcome)).toBe(true);
    session.close();
  });

  it('should start a new watch with the limit its reflector learned', async () => {
    const bookmarkPeriod = new BookmarkPeriod();
    for (const time of [0, 60_000, 120_000]) bookmarkPeriod.observe(time);
    const session = await WatchSession.open(
      lister(deafStream([])),
      {},
      {
        clock: systemClock,
        inactivityMilliseconds: 300_000,
        signal: new AbortController().signal,
        bookmarkPeriod,
      },
    );
    expect(session.limit).toBe(150_000);
    session.close();
  });
});
