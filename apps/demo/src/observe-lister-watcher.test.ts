import { describe, it, expect } from 'vitest';
import { ApiStatusError } from '@kube-cache/indexer';
import type { ListerWatcher, ListResult, WatchEvent } from '@kube-cache/indexer';
import type { ReflectorEvent } from '@kube-cache/reflector';
import { observeListerWatcher } from './observe-lister-watcher';

interface Item {
  metadata: { name: string; resourceVersion: string };
}

const item = (name: string, resourceVersion: string): Item => ({
  metadata: { name, resourceVersion },
});

function fakeSource(watchEvents: WatchEvent<Item>[], failWatchAfter?: Error): ListerWatcher<Item> {
  const pages: Record<string, ListResult<Item>> = {
    first: {
      items: [item('a', '1'), item('b', '2')],
      resourceVersion: '5',
      continue: 'second',
      remainingItemCount: 1,
    },
    second: { items: [item('c', '3')], resourceVersion: '5' },
  };
  return {
    list: (options) => Promise.resolve(pages[options.continue ?? 'first'] ?? pages.first!),
    watch: () =>
      Promise.resolve(
        (async function* () {
          for (const event of watchEvents) yield await Promise.resolve(event);
          if (failWatchAfter !== undefined) throw failWatchAfter;
        })(),
      ),
  };
}

async function drain(iterable: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of iterable) {
    // only the side effects matter
  }
}

describe('observeListerWatcher', () => {
  it('should report list pages, the complete list and the first sync', async () => {
    const events: ReflectorEvent[] = [];
    const observed = observeListerWatcher(fakeSource([]), (event) => events.push(event));
    const signal = new AbortController().signal;
    const first = await observed.list({ limit: 2 }, signal);
    await observed.list({ limit: 2, continue: first.continue }, signal);
    await observed.list({ limit: 2 }, signal);
    expect(events.map((event) => event.type)).toEqual([
      'relisting',
      'list-page',
      'list-page',
      'listed',
      'synced',
      'relisting',
      'list-page',
    ]);
    expect(events[2]).toEqual({
      type: 'list-page',
      items: 1,
      totalSoFar: 3,
      remainingItemCount: undefined,
    });
    expect(events[3]).toEqual({ type: 'listed', items: 3, resourceVersion: '5', pages: 2 });
    expect(events[5]).toEqual({ type: 'relisting', reason: 'watch-error' });
  });

  it('should report a watch from start to its end, with the last resourceVersion and the error', async () => {
    const events: ReflectorEvent[] = [];
    const failure = new Error('malformed line');
    const source = fakeSource(
      [
        { type: 'ADDED', object: item('d', '7') },
        { type: 'MODIFIED', object: item('d', '8') },
      ],
      failure,
    );
    const observed = observeListerWatcher(source, (event) => events.push(event));
    const stream = await observed.watch(
      { resourceVersion: '5', timeoutSeconds: 300 },
      new AbortController().signal,
    );
    await expect(drain(stream)).rejects.toBe(failure);
    expect(events).toEqual([
      { type: 'watch-started', resourceVersion: '5', timeoutSeconds: 300 },
      { type: 'watch-ended', resourceVersion: '8', events: 2, error: failure },
    ]);
  });

  it('should report a watch ERROR event as an ApiStatusError', async () => {
    const events: ReflectorEvent[] = [];
    const expired: WatchEvent<Item> = {
      type: 'ERROR',
      object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old' },
    };
    const observed = observeListerWatcher(fakeSource([expired]), (event) => events.push(event));
    await drain(await observed.watch({ resourceVersion: '5' }, new AbortController().signal));
    const error = events.find((event) => event.type === 'error');
    expect(
      error?.type === 'error' && ApiStatusError.isInstance(error.error) && error.error.code,
    ).toBe(410);
  });

  it('should pass the events through unchanged', async () => {
    const watchEvents: WatchEvent<Item>[] = [{ type: 'ADDED', object: item('d', '7') }];
    const observed = observeListerWatcher(fakeSource(watchEvents), () => undefined);
    const received: WatchEvent<Item>[] = [];
    for await (const event of await observed.watch({}, new AbortController().signal))
      received.push(event);
    expect(received).toEqual(watchEvents);
  });
});
