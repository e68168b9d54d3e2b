import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '@kube-cache/indexer';
import { FakeWatcher } from './fake-watcher';
import { WatcherConsumedError } from '../errors/watcher-consumed-error';
import { WatcherStoppedError } from '../errors/watcher-stopped-error';

interface Item {
  metadata: { name: string; resourceVersion?: string };
}

const item = (name: string): Item => ({ metadata: { name } });

async function collect<T>(iterable: AsyncIterable<WatchEvent<T>>): Promise<WatchEvent<T>[]> {
  const events: WatchEvent<T>[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

describe('FakeWatcher', () => {
  it('should deliver buffered events in order, then end on stop', async () => {
    const watcher = new FakeWatcher<Item>();
    watcher.add(item('a'));
    watcher.modify(item('b'));
    watcher.delete(item('c'));
    watcher.bookmark({ metadata: { resourceVersion: '7' } });
    watcher.error({ kind: 'Status', code: 410, reason: 'Expired' });
    watcher.stop();
    const events = await collect(watcher);
    expect(events.map((event) => event.type)).toEqual([
      'ADDED',
      'MODIFIED',
      'DELETED',
      'BOOKMARK',
      'ERROR',
    ]);
    expect(events[0]?.object).toEqual(item('a'));
    expect(events[4]?.object).toEqual({ kind: 'Status', code: 410, reason: 'Expired' });
  });

  it('should deliver events pushed while the consumer waits', async () => {
    const watcher = new FakeWatcher<Item>();
    const iterator = watcher[Symbol.asyncIterator]();
    const first = iterator.next();
    watcher.add(item('a'));
    await expect(first).resolves.toEqual({
      done: false,
      value: { type: 'ADDED', object: item('a') },
    });
    const second = iterator.next();
    watcher.stop();
    await expect(second).resolves.toEqual({ done: true, value: undefined });
  });

  it('should make stop idempotent', async () => {
    const watcher = new FakeWatcher<Item>();
    watcher.add(item('a'));
    watcher.stop();
    watcher.stop();
    expect(watcher.stopped).toBe(true);
    expect(await collect(watcher)).toHaveLength(1);
  });

  it('should throw WatcherStoppedError when an event is pushed after stop', () => {
    const watcher = new FakeWatcher<Item>();
    watcher.stop();
    expect(() => watcher.add(item('a'))).toThrow(WatcherStoppedError);
    expect(() => watcher.modify(item('a'))).toThrow(/MODIFIED event: the fake watcher is stopped/);
    expect(() => watcher.error({ code: 500 })).toThrow(WatcherStoppedError);
    expect(() => watcher.fail(new Error('x'))).toThrow(WatcherStoppedError);
    try {
      watcher.delete(item('a'));
      expect.unreachable();
    } catch (error) {
      expect(WatcherStoppedError.isInstance(error)).toBe(true);
    }
  });

  it('should make the iteration throw after the buffered events on fail', async () => {
    const watcher = new FakeWatcher<Item>();
    const failure = new SyntaxError('malformed line');
    watcher.add(item('a'));
    watcher.fail(failure);
    const seen: string[] = [];
    await expect(async () => {
      for await (const event of watcher) seen.push(event.type);
    }).rejects.toBe(failure);
    expect(seen).toEqual(['ADDED']);
    expect(watcher.stopped).toBe(true);
    expect(() => watcher.add(item('b'))).toThrow(WatcherStoppedError);
  });

  it('should end the iteration at once when the signal aborts', async () => {
    const controller = new AbortController();
    const watcher = new FakeWatcher<Item>({ signal: controller.signal });
    const iterator = watcher[Symbol.asyncIterator]();
    watcher.add(item('a'));
    await expect(iterator.next()).resolves.toMatchObject({ done: false });
    const pending = iterator.next();
    controller.abort();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(watcher.stopped).toBe(true);
    expect(() => watcher.add(item('b'))).toThrow(WatcherStoppedError);
  });

  it('should drop buffered events and end when the signal aborts', async () => {
    const controller = new AbortController();
    const watcher = new FakeWatcher<Item>({ signal: controller.signal });
    watcher.add(item('a'));
    controller.abort();
    expect(await collect(watcher)).toEqual([]);
  });

  it('should start stopped with an already aborted signal', async () => {
    const watcher = new FakeWatcher<Item>({ signal: AbortSignal.abort() });
    expect(watcher.stopped).toBe(true);
    expect(await collect(watcher)).toEqual([]);
  });

  it('should stop when the consumer leaves its loop', async () => {
    const watcher = new FakeWatcher<Item>();
    watcher.add(item('a'));
    watcher.add(item('b'));
    for await (const event of watcher) {
      expect(event.type).toBe('ADDED');
      break;
    }
    expect(watcher.stopped).toBe(true);
  });

  it('should call onStop exactly once', () => {
    let calls = 0;
    const watcher = new FakeWatcher<Item>({ onStop: () => (calls += 1) });
    watcher.stop();
    watcher.stop();
    expect(calls).toBe(1);
  });

  it('should reject a second consumer', async () => {
    const watcher = new FakeWatcher<Item>();
    watcher.stop();
    await collect(watcher);
    expect(() => watcher[Symbol.asyncIterator]()).toThrow(WatcherConsumedError);
  });
});
