// The watch inactivity rule: fixed limit, bookmark-learned limit, and no timer on health-checked
// streams (HTTP/2 with the ping health check).
import type { ListerWatcher, WatchEvent } from '@kube-cache/indexer';
import { describe, expect, it, vi } from 'vitest';
import { Reflector } from './reflector';
import type { ReflectorEvent } from './reflector-types';
import { useReflectorHarness } from './reflector-harness.test-support';
import {
  bookmark,
  pod,
  RecordingStore,
  ScriptedListerWatcher,
} from './scripted-lister-watcher.test-support';
import type { TestObject, WatchStream } from './scripted-lister-watcher.test-support';

const harness = useReflectorHarness({ onWatchError: () => {} });

function healthChecked(stream: WatchStream<TestObject>): void {
  Object.defineProperty(stream, 'connectionHealthChecked', { value: true });
}

/** Bookmarks every 60 s on the current stream, `count` of them, the first 60 s from now. */
async function bookmarksEveryMinute(
  listerWatcher: ScriptedListerWatcher<TestObject>,
  count: number,
  firstVersion: number,
): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    await vi.advanceTimersByTimeAsync(60_000);
    listerWatcher.lastStream.push(bookmark(String(firstVersion + index)));
  }
  await vi.advanceTimersByTimeAsync(0);
}

const inactivityErrors = (events: ReflectorEvent[]) =>
  events.filter(
    (event) =>
      event.type === 'watch-ended' &&
      (event.error as { name?: string } | undefined)?.name === 'InactivityTimeoutError',
  );

describe('Reflector watch inactivity rule', () => {
  it('should cut a watch that had bookmarks every 60 s 150 s after it stalls, and re-watch without relisting', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    const { events, reflector } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);
    const first = listerWatcher.lastStream;
    await bookmarksEveryMinute(listerWatcher, 3, 10);

    await vi.advanceTimersByTimeAsync(149_999);
    expect(first.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(first.signal.aborted).toBe(true);
    expect(inactivityErrors(events)).toEqual([
      expect.objectContaining({ error: expect.objectContaining({ milliseconds: 150_000 }) }),
    ]);
    await vi.advanceTimersByTimeAsync(0);
    expect(listerWatcher.watchCalls.map((call) => call.resourceVersion)).toEqual(['1', '12']);
    expect(listerWatcher.listCalls).toHaveLength(1);
    expect(reflector.lastSyncResourceVersion()).toBe('12');
  });

  it('should keep the fixed 300 s for a watch that never saw a bookmark, however busy it was', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);
    const first = listerWatcher.lastStream;
    for (let index = 0; index < 3; index += 1) {
      await vi.advanceTimersByTimeAsync(60_000);
      first.push({ type: 'ADDED', object: pod(`pod-${index}`, String(index + 2)) });
    }
    await vi.advanceTimersByTimeAsync(299_999);
    expect(first.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(first.signal.aborted).toBe(true);
  });

  it('should never cut a quiet health-checked watch in 10 minutes', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onWatch = healthChecked;
    harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(600_000);

    expect(listerWatcher.watchCalls).toHaveLength(1);
    expect(listerWatcher.lastStream.signal.aborted).toBe(false);
  });

  it('should apply the bookmark-learned limit to a health-checked watch too', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onWatch = healthChecked;
    harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);
    const first = listerWatcher.lastStream;
    await bookmarksEveryMinute(listerWatcher, 3, 10);
    await vi.advanceTimersByTimeAsync(150_000);

    expect(first.signal.aborted).toBe(true);
    expect(listerWatcher.watchCalls).toHaveLength(2);
  });

  it('should carry the learned limit to the next watch after a normal close', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);
    await bookmarksEveryMinute(listerWatcher, 3, 10);
    listerWatcher.lastStream.close();
    await vi.advanceTimersByTimeAsync(0);
    const second = listerWatcher.lastStream;
    expect(listerWatcher.watchCalls).toHaveLength(2);

    await vi.advanceTimersByTimeAsync(149_999);
    expect(second.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(second.signal.aborted).toBe(true);
  });

  it('should fall back to the fixed limit after the learned limit cut a watch (the bookmarks may have stopped)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);
    await bookmarksEveryMinute(listerWatcher, 3, 10);
    await vi.advanceTimersByTimeAsync(150_000);
    await vi.advanceTimersByTimeAsync(0);
    const next = listerWatcher.lastStream;
    expect(listerWatcher.watchCalls).toHaveLength(2);

    await vi.advanceTimersByTimeAsync(299_999);
    expect(next.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(next.signal.aborted).toBe(true);
  });

  it('should not learn from the end-of-initial-events bookmark of a watch-list', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);
    const first = listerWatcher.lastStream;
    for (let index = 0; index < 3; index += 1) {
      await vi.advanceTimersByTimeAsync(60_000);
      first.push(bookmark(String(10 + index), true));
    }
    await vi.advanceTimersByTimeAsync(299_999);
    expect(first.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(first.signal.aborted).toBe(true);
  });

  it('should not hang on a lister-watcher that ignores its signal: cut at the limit, and stop on abort', async () => {
    let watches = 0;
    // Every watch hands out one event, then never settles again, whatever its signal says.
    const deaf: ListerWatcher<TestObject> = {
      list: () => Promise.resolve({ items: [], resourceVersion: '1' }),
      watch: () => {
        watches += 1;
        let sent = false;
        const event: WatchEvent<TestObject> = { type: 'ADDED', object: pod('a', '2') };
        return Promise.resolve({
          [Symbol.asyncIterator]: () => ({
            next: () => {
              if (sent) return new Promise<IteratorResult<WatchEvent<TestObject>>>(() => undefined);
              sent = true;
              return Promise.resolve({ done: false, value: event });
            },
            return: () => new Promise<IteratorResult<WatchEvent<TestObject>>>(() => undefined),
          }),
        });
      },
    };
    const reflector = new Reflector<TestObject>({
      listerWatcher: deaf,
      store: new RecordingStore<TestObject>(),
      watchInactivityTimeoutMilliseconds: 10_000,
      onWatchError: () => {},
    });
    const stop = new AbortController();
    let finished = false;
    const run = reflector.run(stop.signal).then(() => {
      finished = true;
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(watches).toBe(2);
    stop.abort();
    await vi.advanceTimersByTimeAsync(0);
    await run;

    expect(finished).toBe(true);
    expect(reflector.isWatching()).toBe(false);
  });
});
