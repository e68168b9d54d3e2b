import { ApiStatusError } from '@kube-cache/indexer';
import { describe, expect, it, vi } from 'vitest';
import { InvalidReflectorOptionsError } from '../errors/invalid-reflector-options-error';
import { Reflector } from './reflector';
import { ReflectorAlreadyRunningError } from '../errors/reflector-already-running-error';
import { useReflectorHarness } from './reflector-harness.test-support';
import { pod, RecordingStore, ScriptedListerWatcher } from './scripted-lister-watcher.test-support';
import type { TestObject } from './scripted-lister-watcher.test-support';

const harness = useReflectorHarness();

describe('Reflector resync', () => {
  it('should call store.resync every resyncPeriod once synced (TestReflectorResync)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    const { store, events } = harness.start(listerWatcher, { resyncPeriodMilliseconds: 30_000 });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(store.resyncCount).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.resyncCount).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);

    expect(store.resyncCount).toBe(3);
    expect(events.filter((event) => event.type === 'resync')).toHaveLength(3);
  });

  it('should skip a resync when shouldResync answers false', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    const answers = [false, true, false];
    const shouldResync = vi.fn(() => answers.shift() ?? true);
    const { store } = harness.start(listerWatcher, {
      resyncPeriodMilliseconds: 1000,
      shouldResync,
    });
    await vi.advanceTimersByTimeAsync(3000);

    expect(shouldResync).toHaveBeenCalledTimes(3);
    expect(store.resyncCount).toBe(1);
  });

  it('should report a throwing resync and keep watching', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    const store = new RecordingStore<TestObject>();
    store.resync = () => {
      throw new Error('resync failed');
    };
    const onWatchError = vi.fn();
    harness.start(listerWatcher, { resyncPeriodMilliseconds: 1000, onWatchError }, store);
    await vi.advanceTimersByTimeAsync(2000);

    expect(onWatchError).toHaveBeenCalledTimes(2);
    expect(onWatchError).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'ReflectorCallbackError', operation: 'resync' }),
    );
    expect(listerWatcher.watchCalls).toHaveLength(1);
  });

  it('should resync only while watching, not while lists fail and the reflector backs off', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = (_options, call) => {
      if (call === 0) return { items: [pod('a', '1')], resourceVersion: '1' };
      throw ApiStatusError.fromStatus({ kind: 'Status', code: 500, message: 'etcd down' });
    };
    listerWatcher.onWatch = (stream) => {
      stream.fail(ApiStatusError.fromStatus({ kind: 'Status', code: 500, message: 'broken' }));
    };
    const { store } = harness.start(listerWatcher, {
      resyncPeriodMilliseconds: 1000,
      onWatchError: () => undefined,
    });
    await vi.advanceTimersByTimeAsync(60_000);

    expect(listerWatcher.listCalls.length).toBeGreaterThan(3);
    expect(store.resyncCount).toBe(0);
  });

  it('should never resync without a resyncPeriod', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    const { store } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(3_600_000);

    expect(store.resyncCount).toBe(0);
  });
});

describe('Reflector transform', () => {
  const dropManagedFields = (object: TestObject): TestObject => ({
    ...object,
    spec: { transformed: true },
  });

  it('should transform listed items and watched objects before they reach the store', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = () => ({ items: [pod('a', '1')], resourceVersion: '1' });
    const { store } = harness.start(listerWatcher, { transform: dropManagedFields });
    await vi.advanceTimersByTimeAsync(0);
    listerWatcher.lastStream.push(
      { type: 'ADDED', object: pod('b', '2') },
      { type: 'MODIFIED', object: pod('a', '3') },
    );
    await vi.advanceTimersByTimeAsync(0);

    expect([...store.objects.values()].map((object) => object.spec)).toEqual([
      { transformed: true },
      { transformed: true },
    ]);
  });

  const failOnBad = (object: TestObject): TestObject => {
    if (object.metadata.name.startsWith('bad')) throw new Error('bad transform');
    return dropManagedFields(object);
  };

  it('should report a throwing transform on a watch event, not store the object, and keep watching', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = () => ({ items: [pod('bad-a', '1')], resourceVersion: '1' });
    const onWatchError = vi.fn();
    let failing = false;
    const { store, reflector } = harness.start(listerWatcher, {
      onWatchError,
      transform: (object) => (failing ? failOnBad(object) : dropManagedFields(object)),
    });
    await vi.advanceTimersByTimeAsync(0);
    failing = true;
    listerWatcher.lastStream.push(
      { type: 'ADDED', object: pod('bad-b', '2') },
      { type: 'MODIFIED', object: pod('bad-a', '3') },
      { type: 'ADDED', object: pod('good', '4') },
    );
    await vi.advanceTimersByTimeAsync(0);

    // Not stored: nothing for an added key, the previous version for a modified one.
    expect(store.versions()).toEqual({ 'bad-a': '1', good: '4' });
    expect(onWatchError).toHaveBeenCalledTimes(2);
    expect(onWatchError).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'ReflectorCallbackError', operation: 'transform' }),
    );
    expect(reflector.lastSyncResourceVersion()).toBe('4');
    expect(listerWatcher.watchCalls).toHaveLength(1);
  });

  it('should refuse a whole list when the transform throws for an item, report it, and relist', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = (_options, call) => ({
      items: call === 0 ? [pod('a', '1'), pod('bad', '1')] : [pod('a', '2')],
      resourceVersion: call === 0 ? '1' : '2',
    });
    const onWatchError = vi.fn();
    const { store, reflector } = harness.start(listerWatcher, {
      onWatchError,
      transform: failOnBad,
    });
    await vi.advanceTimersByTimeAsync(0);

    expect(store.replaceCalls).toHaveLength(0);
    expect(reflector.hasSynced()).toBe(false);
    expect(onWatchError).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'ReflectorCallbackError', operation: 'transform' }),
    );
    await vi.advanceTimersByTimeAsync(2000);

    expect(listerWatcher.listCalls).toHaveLength(2);
    expect(store.versions()).toEqual({ a: '2' });
  });
});

describe('Reflector lifecycle', () => {
  it('should emit structured events in order', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = () => ({ items: [pod('a', '1')], resourceVersion: '1' });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { events } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(5000);
    listerWatcher.lastStream.push({ type: 'ADDED', object: pod('b', '2') });
    listerWatcher.lastStream.close();
    await vi.advanceTimersByTimeAsync(0);

    expect(events).toEqual([
      { type: 'relisting', reason: 'initial' },
      { type: 'list-page', items: 1, totalSoFar: 1, remainingItemCount: undefined },
      { type: 'listed', items: 1, resourceVersion: '1', pages: 1 },
      { type: 'synced', resourceVersion: '1' },
      { type: 'watch-started', resourceVersion: '1', timeoutSeconds: 300 },
      { type: 'watch-ended', resourceVersion: '2', events: 1, error: undefined },
      { type: 'watch-started', resourceVersion: '2', timeoutSeconds: 300 },
    ]);
  });

  it('should deliver events through the async iterator', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    const reflector = new Reflector<TestObject>({
      listerWatcher,
      store: new RecordingStore<TestObject>(),
    });
    const seen: string[] = [];
    const consuming = (async () => {
      for await (const event of reflector.events) {
        seen.push(event.type);
        if (event.type === 'watch-ended') break;
      }
    })();
    harness.run(reflector);
    await vi.advanceTimersByTimeAsync(2000);
    listerWatcher.lastStream.close();
    await vi.advanceTimersByTimeAsync(0);
    await consuming;

    expect(seen).toEqual([
      'relisting',
      'list-page',
      'listed',
      'synced',
      'watch-started',
      'watch-ended',
    ]);
  });

  it('should keep notifying other listeners when one throws, and report the failure', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    const store = new RecordingStore<TestObject>();
    const reflector = new Reflector<TestObject>({ listerWatcher, store });
    const seen: string[] = [];
    reflector.events.subscribe(() => {
      throw new Error('listener bug');
    });
    reflector.events.subscribe((event) => seen.push(event.type));
    harness.run(reflector);
    await vi.advanceTimersByTimeAsync(0);

    expect(seen.slice(0, 3)).toEqual(['relisting', 'error', 'list-page']);
    expect(reflector.hasSynced()).toBe(true);
  });

  it('should resolve waitForSync on sync and reject it when its signal aborts first', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    let release: () => void = () => undefined;
    listerWatcher.onList = () =>
      new Promise((resolve) => {
        release = () => resolve({ items: [], resourceVersion: '1' });
      });
    const { reflector } = harness.start(listerWatcher);
    const waiting = new AbortController();
    const abandoned = reflector.waitForSync(waiting.signal);
    const synced = reflector.waitForSync();
    waiting.abort(new Error('gave up'));
    await expect(abandoned).rejects.toThrow('gave up');
    expect(reflector.hasSynced()).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    release();
    await vi.advanceTimersByTimeAsync(0);

    await expect(synced).resolves.toBeUndefined();
    expect(reflector.hasSynced()).toBe(true);
  });

  it('should run every timer through an injected clock', async () => {
    vi.useRealTimers();
    const timers: { due: number; callback: () => void; cleared: boolean }[] = [];
    let now = 0;
    const clock = {
      now: () => now,
      setTimeout: (callback: () => void, milliseconds: number) => {
        const timer = { due: now + milliseconds, callback, cleared: false };
        timers.push(timer);
        return timer;
      },
      clearTimeout: (handle: unknown) => {
        (handle as { cleared: boolean }).cleared = true;
      },
    };
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = (_options, call) => {
      if (call === 0) throw new Error('first list fails');
      return { items: [pod('a', '1')], resourceVersion: '1' };
    };
    const { reflector, events } = harness.start(listerWatcher, { clock });
    await settle();
    const backoff = events.find((event) => event.type === 'backoff');
    expect(backoff).toBeDefined();
    expect(listerWatcher.listCalls).toHaveLength(1);
    // Nothing moves until the injected clock does.
    await settle();
    expect(listerWatcher.listCalls).toHaveLength(1);
    now += 2000;
    for (const timer of timers.filter((entry) => !entry.cleared && entry.due <= now))
      timer.callback();
    await settle();

    expect(listerWatcher.listCalls).toHaveLength(2);
    expect(reflector.hasSynced()).toBe(true);
  });

  it('should refuse to run twice at once', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    const { reflector } = harness.start(listerWatcher);

    await expect(reflector.run(new AbortController().signal)).rejects.toSatisfy(
      ReflectorAlreadyRunningError.isInstance,
    );
  });

  it('should reject bad options with InvalidReflectorOptionsError', () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    const store = new RecordingStore<TestObject>();
    for (const options of [
      { pageSize: 0 },
      { pageSize: 1.5 },
      { resyncPeriodMilliseconds: -1 },
      { minWatchTimeoutMilliseconds: 10 },
      { watchInactivityTimeoutMilliseconds: 0 },
      { backoff: { initialMilliseconds: Number.NaN } },
    ]) {
      expect(() => new Reflector<TestObject>({ listerWatcher, store, ...options })).toThrow(
        InvalidReflectorOptionsError,
      );
    }
    expect(
      () => new Reflector<TestObject>({ listerWatcher, store: {} as RecordingStore<TestObject> }),
    ).toThrow(InvalidReflectorOptionsError);
  });

  it('should name itself after the expected kind unless given a name', () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    const store = new RecordingStore<TestObject>();

    expect(
      new Reflector<TestObject>({ listerWatcher, store, expectedType: { kind: 'Pod' } }).name,
    ).toBe('Pod');
    expect(new Reflector<TestObject>({ listerWatcher, store, name: 'pods' }).name).toBe('pods');
    expect(new Reflector<TestObject>({ listerWatcher, store }).name).toBe('reflector');
  });
});
