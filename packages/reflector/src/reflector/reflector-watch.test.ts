import { describe, expect, it, vi } from 'vitest';
import { Reflector } from './reflector';
import { statusError, useReflectorHarness } from './reflector-harness.test-support';
import {
  bookmark,
  pod,
  RecordingStore,
  ScriptedListerWatcher,
} from './scripted-lister-watcher.test-support';
import type { TestObject } from './scripted-lister-watcher.test-support';

const harness = useReflectorHarness();

function listing(items: TestObject[], resourceVersion: string) {
  return () => ({ items, resourceVersion });
}

describe('Reflector watching', () => {
  it('should watch from the list resourceVersion with bookmarks and apply events (TestReflectorListAndWatch)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = listing([pod('foo', '1')], '1');
    const { store, reflector } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);

    expect(listerWatcher.watchCalls).toEqual([
      {
        resourceVersion: '1',
        allowWatchBookmarks: true,
        timeoutSeconds: expect.any(Number) as number,
      },
    ]);
    expect(reflector.isWatching()).toBe(true);
    listerWatcher.lastStream.push(
      { type: 'MODIFIED', object: pod('foo', '2') },
      { type: 'ADDED', object: pod('bar', '3') },
      { type: 'ADDED', object: pod('baz', '4') },
      { type: 'DELETED', object: pod('bar', '5') },
    );
    await vi.advanceTimersByTimeAsync(0);

    expect(store.calls).toEqual([
      'replace 1@1',
      'update default/foo@2',
      'add default/bar@3',
      'add default/baz@4',
      'delete default/bar',
    ]);
    expect(store.versions()).toEqual({ baz: '4', foo: '2' });
    expect(reflector.lastSyncResourceVersion()).toBe('5');
  });

  it('should pick the server timeout in [min, 2*min) (TestWatchTimeout)', async () => {
    const random = vi.spyOn(Math, 'random');
    for (const [minimum, randomValue, expected] of [
      [undefined, 0, 300],
      [undefined, 0.9999, 599],
      [30 * 60_000, 0, 1800],
      [30 * 60_000, 0.5, 2700],
    ] as const) {
      random.mockReturnValue(randomValue);
      const listerWatcher = new ScriptedListerWatcher<TestObject>();
      const local = new AbortController();
      const reflector = new Reflector<TestObject>({
        listerWatcher,
        store: new RecordingStore<TestObject>(),
        minWatchTimeoutMilliseconds: minimum,
      });
      const run = reflector.run(local.signal);
      await vi.advanceTimersByTimeAsync(0);
      expect(listerWatcher.watchCalls[0]?.timeoutSeconds).toBe(expected);
      local.abort();
      await run;
    }
  });

  it('should re-watch from the last resourceVersion without relisting after a normal close', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = listing([], '1');
    const { events } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);
    listerWatcher.lastStream.push({ type: 'ADDED', object: pod('foo', '7') });
    listerWatcher.lastStream.close();
    await vi.advanceTimersByTimeAsync(0);

    expect(listerWatcher.listCalls).toHaveLength(1);
    expect(listerWatcher.watchCalls.map((call) => call.resourceVersion)).toEqual(['1', '7']);
    expect(events.some((event) => event.type === 'backoff')).toBe(false);
  });

  it('should advance the resourceVersion on bookmarks, without touching the store', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = listing([], '1');
    const { store, reflector } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);
    listerWatcher.lastStream.push(bookmark('42'));
    await vi.advanceTimersByTimeAsync(0);
    expect(reflector.lastSyncResourceVersion()).toBe('42');
    await vi.advanceTimersByTimeAsync(2000);
    listerWatcher.lastStream.close();
    await vi.advanceTimersByTimeAsync(0);

    expect(listerWatcher.watchCalls.map((call) => call.resourceVersion)).toEqual(['1', '42']);
    expect(store.calls).toEqual(['replace 0@1']);
  });

  it('should count a watch that ends in under a second without events as an error, back off and relist', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = listing([], '1');
    listerWatcher.onWatch = (stream, call) => {
      if (call === 0) stream.close();
    };
    const onWatchError = vi.fn();
    const { events } = harness.start(listerWatcher, { onWatchError });
    await vi.advanceTimersByTimeAsync(0);

    expect(onWatchError).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'VeryShortWatchError' }),
    );
    expect(events.at(-1)).toMatchObject({ type: 'backoff' });
    await vi.advanceTimersByTimeAsync(1600);
    expect(listerWatcher.listCalls.map((call) => call.resourceVersion)).toEqual(['0', '1']);
    expect(events).toContainEqual({ type: 'relisting', reason: 'watch-error' });
  });

  it('should not count a quiet watch that lasted a second or more as an error', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = listing([], '1');
    const onWatchError = vi.fn();
    harness.start(listerWatcher, { onWatchError });
    await vi.advanceTimersByTimeAsync(1000);
    listerWatcher.lastStream.close();
    await vi.advanceTimersByTimeAsync(0);

    expect(onWatchError).not.toHaveBeenCalled();
    expect(listerWatcher.watchCalls).toHaveLength(2);
    expect(listerWatcher.listCalls).toHaveLength(1);
  });

  it('should relist from the last resourceVersion after a 410 ERROR event (watch-side expiry keeps the version)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = (_options, call) => ({
      items: [],
      resourceVersion: call === 0 ? '1' : '9',
    });
    const { events } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);
    listerWatcher.lastStream.push({ type: 'ADDED', object: pod('foo', '5') });
    listerWatcher.lastStream.push({
      type: 'ERROR',
      object: { kind: 'Status', code: 410, reason: 'Expired' },
    });
    await vi.advanceTimersByTimeAsync(1600);

    expect(listerWatcher.listCalls.map((call) => call.resourceVersion)).toEqual(['0', '5']);
    expect(events).toContainEqual({ type: 'relisting', reason: 'expired' });
    expect(listerWatcher.watchCalls.at(-1)?.resourceVersion).toBe('9');
  });

  it('should relist after a watch that fails to open with a non-retriable error', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = listing([], '1');
    listerWatcher.onWatch = (_stream, call) => {
      if (call === 0) throw statusError(500, 'InternalError');
    };
    harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(1600);

    expect(listerWatcher.listCalls).toHaveLength(2);
    expect(listerWatcher.watchCalls).toHaveLength(2);
  });

  it('should back off and re-watch without relisting on 429 (TestNoRelistOnTooManyRequests)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = listing([], '1');
    listerWatcher.onWatch = (_stream, call) => {
      if (call < 4) throw statusError(429, 'TooManyRequests');
    };
    const { events } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(120_000);

    expect(listerWatcher.listCalls).toHaveLength(1);
    expect(listerWatcher.watchCalls).toHaveLength(5);
    expect(events.filter((event) => event.type === 'backoff')).toHaveLength(4);
  });

  it('should back off and re-watch on a 429 ERROR event (TestBackoffOnTooManyRequests)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = listing([], '1');
    listerWatcher.onWatch = (stream, call) => {
      if (call === 0) throw statusError(429, 'TooManyRequests');
      if (call === 1)
        stream.push({
          type: 'ERROR',
          object: { kind: 'Status', code: 429, reason: 'TooManyRequests' },
        });
    };
    const { events } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(10_000);

    expect(listerWatcher.listCalls).toHaveLength(1);
    expect(listerWatcher.watchCalls).toHaveLength(3);
    expect(events.filter((event) => event.type === 'backoff')).toHaveLength(2);
  });

  it('should back off exponentially and re-watch on connection refused (TestReflectorListAndWatchInitConnBackoff)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = listing([], '1');
    listerWatcher.onWatch = (_stream, call) => {
      if (call < 5)
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    };
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { events } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(60_000);

    const waits = events.flatMap((event) => (event.type === 'backoff' ? [event.milliseconds] : []));
    expect(waits).toEqual([800, 1600, 3200, 6400, 12800]);
    expect(listerWatcher.listCalls).toHaveLength(1);
    expect(listerWatcher.watchCalls).toHaveLength(6);
  });

  it('should treat a watch with no event for the inactivity time as dead and reopen it from the last version', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = listing([], '1');
    const onWatchError = vi.fn();
    harness.start(listerWatcher, { watchInactivityTimeoutMilliseconds: 10_000, onWatchError });
    await vi.advanceTimersByTimeAsync(0);
    const first = listerWatcher.lastStream;
    first.push({ type: 'ADDED', object: pod('foo', '3') });
    await vi.advanceTimersByTimeAsync(9_999);
    expect(first.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);

    expect(first.signal.aborted).toBe(true);
    expect(onWatchError).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'InactivityTimeoutError', operation: 'watch' }),
    );
    expect(listerWatcher.watchCalls.map((call) => call.resourceVersion)).toEqual(['1', '3']);
    expect(listerWatcher.listCalls).toHaveLength(1);
  });

  it('should never cut a busy watch: the inactivity timer restarts with every event', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = listing([], '1');
    harness.start(listerWatcher, { watchInactivityTimeoutMilliseconds: 10_000 });
    await vi.advanceTimersByTimeAsync(0);
    const stream = listerWatcher.lastStream;
    for (let index = 0; index < 20; index += 1) {
      stream.push({ type: 'ADDED', object: pod(`pod-${index}`, String(index + 2)) });
      await vi.advanceTimersByTimeAsync(6_000);
    }

    expect(stream.signal.aborted).toBe(false);
    expect(listerWatcher.watchCalls).toHaveLength(1);
  });

  it('should treat a watch request with no answer for the inactivity time as dead and retry with backoff', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = listing([], '1');
    listerWatcher.onWatch = (_stream, call) =>
      call === 0 ? new Promise<void>(() => undefined) : undefined;
    const { events } = harness.start(listerWatcher, { watchInactivityTimeoutMilliseconds: 10_000 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(events.at(-1)).toMatchObject({
      type: 'backoff',
      error: { name: 'InactivityTimeoutError' },
    });
    await vi.advanceTimersByTimeAsync(1600);

    expect(listerWatcher.watchCalls).toHaveLength(2);
    expect(listerWatcher.listCalls).toHaveLength(1);
  });

  it('should abort a list request that hangs for the inactivity time and list again', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = (_options, call) =>
      call === 0
        ? new Promise(() => undefined)
        : { items: [pod('foo', '2')], resourceVersion: '2' };
    const { reflector } = harness.start(listerWatcher, {
      watchInactivityTimeoutMilliseconds: 10_000,
    });
    await vi.advanceTimersByTimeAsync(12_000);

    expect(reflector.hasSynced()).toBe(true);
    expect(listerWatcher.listCalls).toHaveLength(2);
  });

  it('should drop and report events of an unexpected kind (TestReflectorWatchHandler)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = listing([pod('foo', '1'), pod('bar', '1')], '1');
    const onWatchError = vi.fn();
    const { store, reflector } = harness.start(listerWatcher, {
      expectedType: { apiVersion: 'v1', kind: 'Pod' },
      onWatchError,
    });
    await vi.advanceTimersByTimeAsync(0);
    listerWatcher.lastStream.push(
      {
        type: 'ADDED',
        object: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'rejected', namespace: 'default', resourceVersion: '2' },
        },
      },
      { type: 'DELETED', object: pod('foo', '3') },
      { type: 'MODIFIED', object: pod('bar', '55') },
      { type: 'ADDED', object: pod('baz', '32') },
    );
    await vi.advanceTimersByTimeAsync(0);

    expect(store.versions()).toEqual({ bar: '55', baz: '32' });
    expect(reflector.lastSyncResourceVersion()).toBe('32');
    expect(onWatchError).toHaveBeenCalledTimes(1);
    expect(onWatchError).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'UnexpectedObjectKindError' }),
    );
    expect(listerWatcher.watchCalls).toHaveLength(1);
  });

  it.each([
    ['an object without metadata', { type: 'ADDED', object: { kind: 'Pod' } }, '1'],
    ['an unknown event type', { type: 'EXPLODED', object: pod('foo', '2') }, '2'],
    ['an unknown event type without metadata', { type: 'EXPLODED', object: {} }, '1'],
    [
      'a bookmark without a resourceVersion',
      { type: 'BOOKMARK', object: { kind: 'Pod', metadata: {} } },
      '1',
    ],
    ['an event without an object', { type: 'ADDED' }, '1'],
  ])(
    'should report %s as a MalformedWatchEventError, skip it and keep watching',
    async (_name, event, resourceVersion) => {
      const listerWatcher = new ScriptedListerWatcher<TestObject>();
      listerWatcher.onList = listing([], '1');
      const onWatchError = vi.fn();
      const { events, store, reflector } = harness.start(listerWatcher, { onWatchError });
      await vi.advanceTimersByTimeAsync(0);
      listerWatcher.lastStream.push(event);
      await vi.advanceTimersByTimeAsync(0);

      // As client-go: logged and skipped; an unknown type still advances the resourceVersion.
      expect(onWatchError).toHaveBeenCalledTimes(1);
      expect(onWatchError).toHaveBeenCalledWith(
        expect.objectContaining({ name: 'MalformedWatchEventError' }),
      );
      expect(events).toContainEqual({
        type: 'error',
        error: expect.objectContaining({ name: 'MalformedWatchEventError' }) as unknown,
      });
      expect(reflector.lastSyncResourceVersion()).toBe(resourceVersion);
      listerWatcher.lastStream.push({ type: 'ADDED', object: pod('next', '7') });
      await vi.advanceTimersByTimeAsync(1600);

      expect(store.versions()).toEqual({ next: '7' });
      expect(reflector.lastSyncResourceVersion()).toBe('7');
      expect(listerWatcher.listCalls).toHaveLength(1);
      expect(listerWatcher.watchCalls).toHaveLength(1);
    },
  );

  it('should relist when the watch stream throws a decode error', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = listing([], '1');
    const onWatchError = vi.fn();
    harness.start(listerWatcher, { onWatchError });
    await vi.advanceTimersByTimeAsync(0);
    const { WatchDecodeError } = await import('../errors/watch-decode-error');
    listerWatcher.lastStream.fail(new WatchDecodeError('not JSON', '{oops'));
    await vi.advanceTimersByTimeAsync(1600);

    expect(onWatchError).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'WatchDecodeError' }),
    );
    expect(listerWatcher.listCalls).toHaveLength(2);
  });

  it('should re-watch without relisting when the connection resets mid-stream', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = listing([], '1');
    harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);
    listerWatcher.lastStream.push({ type: 'ADDED', object: pod('foo', '4') });
    listerWatcher.lastStream.fail(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    await vi.advanceTimersByTimeAsync(0);

    expect(listerWatcher.listCalls).toHaveLength(1);
    expect(listerWatcher.watchCalls.map((call) => call.resourceVersion)).toEqual(['1', '4']);
  });

  it('should report a throwing store method and go on with the next events', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = listing([], '1');
    const store = new RecordingStore<TestObject>();
    const add = store.add.bind(store);
    store.add = (object) => {
      if (object.metadata.name === 'bad') throw new Error('boom');
      add(object);
    };
    const onWatchError = vi.fn();
    const reflector = new Reflector<TestObject>({ listerWatcher, store, onWatchError });
    harness.run(reflector);
    await vi.advanceTimersByTimeAsync(0);
    listerWatcher.lastStream.push(
      { type: 'ADDED', object: pod('bad', '2') },
      { type: 'ADDED', object: pod('good', '3') },
    );
    await vi.advanceTimersByTimeAsync(0);

    expect(onWatchError).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'ReflectorCallbackError', operation: 'add' }),
    );
    expect(store.versions()).toEqual({ good: '3' });
    expect(reflector.lastSyncResourceVersion()).toBe('3');
    expect(listerWatcher.watchCalls).toHaveLength(1);
  });

  it('should tell a ResourceVersionUpdater store every version (TestReflectorResourceVersionUpdate)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = listing([], '1');
    const store = Object.assign(new RecordingStore<TestObject>(), { versionsSeen: [] as string[] });
    const withUpdater = Object.assign(store, {
      updateResourceVersion(resourceVersion: string) {
        store.versionsSeen.push(resourceVersion);
      },
    });
    const reflector = new Reflector<TestObject>({ listerWatcher, store: withUpdater });
    harness.run(reflector);
    await vi.advanceTimersByTimeAsync(0);
    listerWatcher.lastStream.push(
      { type: 'ADDED', object: pod('foo', '10') },
      { type: 'MODIFIED', object: pod('foo', '20') },
      bookmark('30'),
      { type: 'DELETED', object: pod('foo', '40') },
    );
    await vi.advanceTimersByTimeAsync(0);

    expect(store.versionsSeen).toEqual(['10', '20', '30', '40']);
  });

  it('should replace the store after a watch ERROR for a corrupt object (TestReflectorReplacesStoreOnUnsafeDelete)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    const initial = [pod('foo-1', '1'), pod('foo-2', '2'), pod('foo-3', '3')];
    listerWatcher.onList = (_options, call) => ({
      items: initial,
      resourceVersion: call === 0 ? '3' : '5',
    });
    const { store, reflector } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);
    listerWatcher.lastStream.push(
      { type: 'ADDED', object: pod('foo', '4') },
      {
        type: 'ERROR',
        object: {
          kind: 'Status',
          code: 500,
          reason: 'StoreReadError',
          message: 'corrupt object has been deleted',
        },
      },
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(store.versions()).toMatchObject({ foo: '4' });
    await vi.advanceTimersByTimeAsync(2000);

    expect(store.replaceCalls.map((call) => call.resourceVersion)).toEqual(['3', '5']);
    expect(store.versions()).toEqual({ 'foo-1': '1', 'foo-2': '2', 'foo-3': '3' });
    expect(reflector.lastSyncResourceVersion()).toBe('5');
  });

  it('should surface list and watch errors and keep the store equal to each list (TestReflectorListAndWatchWithErrors)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    const rows: {
      list: TestObject[] | Error;
      rv?: string;
      watch: 'error-event' | Error | 'open';
    }[] = [
      { list: [], rv: '1', watch: 'error-event' },
      { list: [pod('foo', '2'), pod('bar', '3')], rv: '3', watch: 'error-event' },
      { list: new Error('a list error'), watch: 'open' },
      { list: [pod('bar', '3'), pod('qux', '5')], rv: '5', watch: new Error('a watch error') },
      { list: [pod('bar', '3'), pod('qux', '5')], rv: '5', watch: 'open' },
    ];
    const store = new RecordingStore<TestObject>();
    const before: Record<string, string>[] = [];
    let row = rows[0];
    listerWatcher.onList = (_options, call) => {
      before.push(store.versions());
      row = rows[call];
      if (row === undefined) throw new Error('no more rows');
      if (row.list instanceof Error) throw row.list;
      return { items: row.list, resourceVersion: row.rv ?? '' };
    };
    listerWatcher.onWatch = (stream) => {
      if (row?.watch instanceof Error) throw row.watch;
      if (row?.watch === 'error-event') {
        stream.push({
          type: 'ERROR',
          object: { kind: 'Status', code: 500, reason: 'InternalError' },
        });
      }
    };
    const onWatchError = vi.fn();
    const reflector = new Reflector<TestObject>({ listerWatcher, store, onWatchError });
    harness.run(reflector);
    await vi.advanceTimersByTimeAsync(600_000);

    expect(listerWatcher.listCalls).toHaveLength(5);
    expect(before).toEqual([
      {},
      {},
      { bar: '3', foo: '2' },
      { bar: '3', foo: '2' },
      { bar: '3', qux: '5' },
    ]);
    expect(store.versions()).toEqual({ bar: '3', qux: '5' });
    expect(onWatchError).toHaveBeenCalledWith(expect.objectContaining({ message: 'a list error' }));
    expect(onWatchError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'a watch error' }),
    );
  });

  it('should stop the watch and resolve run when the signal aborts (TestRunUntil)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = listing([], '1');
    const { reflector } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);
    const stream = listerWatcher.lastStream;
    harness.abort();
    await vi.advanceTimersByTimeAsync(0);
    await harness.running;

    expect(stream.signal.aborted).toBe(true);
    expect(reflector.isWatching()).toBe(false);
  });

  it('should neither list nor watch when the signal is already aborted (TestReflectorWatchStoppedBefore)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    const reflector = new Reflector<TestObject>({
      listerWatcher,
      store: new RecordingStore<TestObject>(),
    });
    await reflector.run(AbortSignal.abort());

    expect(listerWatcher.listCalls).toHaveLength(0);
    expect(listerWatcher.watchCalls).toHaveLength(0);
  });
});
