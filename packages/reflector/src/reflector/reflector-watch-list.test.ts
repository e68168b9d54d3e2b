import { ApiStatusError } from '@kube-cache/indexer';
import { describe, expect, it, vi } from 'vitest';
import { useReflectorHarness } from './reflector-harness.test-support';
import { bookmark, pod, ScriptedListerWatcher } from './scripted-lister-watcher.test-support';
import type { TestObject } from './scripted-lister-watcher.test-support';

const harness = useReflectorHarness({ useWatchList: true });

const watchListOptions = {
  resourceVersion: '',
  resourceVersionMatch: 'NotOlderThan',
  sendInitialEvents: true,
  allowWatchBookmarks: true,
  timeoutSeconds: expect.any(Number) as number,
};

describe('Reflector watch-list (sendInitialEvents)', () => {
  it('should sync from the initial events without a list and keep the same watch (TestWatchList "bookmark received")', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onWatch = (stream, call) => {
      if (call === 0)
        stream.push(
          { type: 'ADDED', object: pod('p1', '1') },
          { type: 'ADDED', object: pod('p2', '2') },
          bookmark('2', true),
        );
    };
    const { store, reflector } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);

    expect(listerWatcher.listCalls).toHaveLength(0);
    expect(listerWatcher.watchCalls).toEqual([watchListOptions]);
    expect(reflector.hasSynced()).toBe(true);
    expect(store.calls).toEqual(['replace 2@2']);
    listerWatcher.lastStream.push({ type: 'ADDED', object: pod('p3', '3') });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.versions()).toEqual({ p1: '1', p2: '2', p3: '3' });
    expect(listerWatcher.watchCalls).toHaveLength(1);
  });

  it('should apply modifications and deletions that arrive while streaming', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onWatch = (stream) => {
      stream.push(
        { type: 'ADDED', object: pod('p1', '1') },
        { type: 'ADDED', object: pod('p2', '2') },
        { type: 'MODIFIED', object: pod('p1', '3') },
        { type: 'ADDED', object: pod('p3', '4') },
        { type: 'DELETED', object: pod('p3', '5') },
        bookmark('5', true),
      );
    };
    const { store } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);

    expect(store.versions()).toEqual({ p1: '3', p2: '2' });
    expect(store.replaceCalls[0]?.resourceVersion).toBe('5');
  });

  it('should not sync on a stream that closes before the bookmark, and try again (TestWatchList "stopped before sync")', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onWatch = (stream, call) => {
      stream.push({ type: 'ADDED', object: pod('p1', '1') });
      if (call === 0) stream.close();
      else stream.push(bookmark('1', true));
    };
    const { store, reflector } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);

    expect(listerWatcher.watchCalls).toEqual([watchListOptions, watchListOptions]);
    expect(listerWatcher.listCalls).toHaveLength(0);
    expect(reflector.hasSynced()).toBe(true);
    expect(store.versions()).toEqual({ p1: '1' });
  });

  it('should skip and report an initial event whose transform throws, as client-go', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onWatch = (stream, call) => {
      if (call === 0)
        stream.push(
          { type: 'ADDED', object: pod('bad', '1') },
          { type: 'ADDED', object: pod('p2', '2') },
          bookmark('2', true),
        );
    };
    const onWatchError = vi.fn();
    const { store, reflector } = harness.start(listerWatcher, {
      onWatchError,
      transform: (object) => {
        if (object.metadata.name === 'bad') throw new Error('bad transform');
        return object;
      },
    });
    await vi.advanceTimersByTimeAsync(0);

    expect(reflector.hasSynced()).toBe(true);
    expect(store.versions()).toEqual({ p2: '2' });
    expect(onWatchError).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'ReflectorCallbackError', operation: 'transform' }),
    );
  });

  it('should back off and retry on 429 (TestWatchList "429 twice, then success")', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onWatch = (stream, call) => {
      if (call < 2) throw ApiStatusError.fromStatus({ code: 429, reason: 'TooManyRequests' });
      stream.push({ type: 'ADDED', object: pod('p1', '1') }, bookmark('1', true));
    };
    const { store } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(10_000);

    expect(listerWatcher.watchCalls).toHaveLength(3);
    expect(listerWatcher.listCalls).toHaveLength(0);
    expect(store.versions()).toEqual({ p1: '1' });
  });

  it('should fall back to list and watch when the server refuses watch-list, for that cycle only', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = () => ({ items: [pod('p1', '1')], resourceVersion: '1' });
    listerWatcher.onWatch = (stream, call) => {
      // A 403 while RBAC propagates, say: client-go falls back for this ListAndWatch only.
      if (call === 0) throw ApiStatusError.fromStatus({ code: 403, reason: 'Forbidden' });
      if (call === 1)
        stream.push(
          { type: 'ADDED', object: pod('p2', '2') },
          { type: 'ERROR', object: { code: 500 } },
        );
      if (call === 2) stream.push({ type: 'ADDED', object: pod('p3', '3') }, bookmark('3', true));
    };
    const { store } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);

    expect(listerWatcher.listCalls).toEqual([{ resourceVersion: '0', limit: 500 }]);
    expect(listerWatcher.watchCalls[1]).toEqual({
      resourceVersion: '1',
      allowWatchBookmarks: true,
      timeoutSeconds: expect.any(Number) as number,
    });
    await vi.advanceTimersByTimeAsync(2000);
    // The ERROR event ends the cycle; the next one tries watch-list again, and it works now.
    expect(listerWatcher.listCalls).toHaveLength(1);
    expect(
      listerWatcher.watchCalls.map((call) => [call.resourceVersion, call.sendInitialEvents]),
    ).toEqual([
      ['', true],
      ['1', undefined],
      ['2', true],
    ]);
    expect(store.versions()).toEqual({ p3: '3' });
  });

  it('should keep falling back, one cycle at a time, while the server keeps refusing', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = () => ({ items: [pod('p1', '1')], resourceVersion: '1' });
    listerWatcher.onWatch = (stream) => {
      if (stream.options.sendInitialEvents === true)
        throw ApiStatusError.fromStatus({ code: 422, reason: 'Invalid' });
      stream.push({ type: 'ERROR', object: { code: 500 } });
    };
    const { store } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(20_000);

    const watchLists = listerWatcher.watchCalls.filter((call) => call.sendInitialEvents === true);
    expect(listerWatcher.listCalls.length).toBeGreaterThan(1);
    expect(watchLists.length).toBeGreaterThanOrEqual(listerWatcher.listCalls.length);
    expect(store.versions()).toEqual({ p1: '1' });
  });

  it('should fall back to list and watch when the server ignores sendInitialEvents (a plain bookmark first)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = () => ({ items: [pod('p1', '1')], resourceVersion: '1' });
    listerWatcher.onWatch = (stream, call) => {
      if (call === 0) stream.push({ type: 'ADDED', object: pod('p1', '1') }, bookmark('1'));
    };
    const { reflector } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);

    expect(listerWatcher.listCalls).toHaveLength(1);
    expect(reflector.hasSynced()).toBe(true);
  });

  it('should retry from "" when the resourceVersion expired while streaming', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onWatch = (stream, call) => {
      if (call === 0) stream.push({ type: 'ADDED', object: pod('p1', '1') }, bookmark('3', true));
      if (call === 1) stream.push({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
      if (call === 2) stream.push({ type: 'ADDED', object: pod('p9', '9') }, bookmark('9', true));
    };
    const { store, reflector } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);
    listerWatcher.lastStream.push({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
    await vi.advanceTimersByTimeAsync(10_000);

    // After the plain watch expired: watch-list from the last version, which expired too, then from "".
    expect(
      listerWatcher.watchCalls.map((call) => [call.resourceVersion, call.sendInitialEvents]),
    ).toEqual([
      ['', true],
      ['3', true],
      ['', true],
    ]);
    expect(reflector.lastSyncResourceVersion()).toBe('9');
    expect(listerWatcher.listCalls).toHaveLength(0);
    expect(store.versions()).toEqual({ p9: '9' });
  });
});
