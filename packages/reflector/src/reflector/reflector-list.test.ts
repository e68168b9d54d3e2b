import { ApiStatusError } from '@kube-cache/indexer';
import type { ListOptions, ListResult } from '@kube-cache/indexer';
import { describe, expect, it, vi } from 'vitest';
import { Reflector } from './reflector';
import { statusError, useReflectorHarness } from './reflector-harness.test-support';
import { pod, RecordingStore, ScriptedListerWatcher } from './scripted-lister-watcher.test-support';
import type { TestObject } from './scripted-lister-watcher.test-support';

function pods(count: number, resourceVersion = '1', from = 0): TestObject[] {
  return Array.from({ length: count }, (_, index) => pod(`pod-${from + index}`, resourceVersion));
}

function expired(): ApiStatusError {
  return statusError(410, 'Expired', 'too old resource version');
}

// Starts reflectors; every test's reflector is stopped in afterEach.
const harness = useReflectorHarness();

/** Ends the current watch with an ERROR event, which makes the reflector relist. */
async function failWatch(
  listerWatcher: ScriptedListerWatcher<TestObject>,
  code = 500,
): Promise<void> {
  listerWatcher.lastStream.push({
    type: 'ERROR',
    object: { kind: 'Status', code, reason: 'InternalError' },
  });
  await vi.advanceTimersByTimeAsync(60_000);
}

describe('Reflector listing', () => {
  it('should list from resourceVersion "0" with limit 500 first, then replace the store', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = () => ({ items: [pod('foo', '1')], resourceVersion: '1' });
    const { store, reflector } = harness.start(listerWatcher);
    await reflector.waitForSync();

    expect(listerWatcher.listCalls).toEqual([{ resourceVersion: '0', limit: 500 }]);
    expect(store.replaceCalls).toHaveLength(1);
    expect(store.replaceCalls[0]?.resourceVersion).toBe('1');
    expect(store.versions()).toEqual({ foo: '1' });
    expect(reflector.hasSynced()).toBe(true);
    expect(reflector.lastSyncResourceVersion()).toBe('1');
  });

  it('should relist with the last synced resourceVersion (client-go TestReflectorResyncWithResourceVersion)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = (options) =>
      options.resourceVersion === '0'
        ? { items: pods(4), resourceVersion: '10' }
        : { items: pods(8), resourceVersion: '11' };
    const { store } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.objects.size).toBe(4);
    await failWatch(listerWatcher);

    expect(listerWatcher.listCalls.map((call) => call.resourceVersion)).toEqual(['0', '10']);
    expect(store.objects.size).toBe(8);
  });

  it('should relist from "" when the exact resourceVersion has expired (TestReflectorExpiredExactResourceVersion)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = (options) => {
      if (options.resourceVersion === '0') return { items: pods(4), resourceVersion: '10' };
      if (options.resourceVersion === '10') throw expired();
      return { items: pods(8), resourceVersion: '11' };
    };
    const { store, reflector, events } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);
    await failWatch(listerWatcher);

    expect(listerWatcher.listCalls.map((call) => call.resourceVersion)).toEqual(['0', '10', '']);
    expect(store.objects.size).toBe(8);
    expect(reflector.lastSyncResourceVersion()).toBe('11');
    expect(events).toContainEqual({ type: 'relisting', reason: 'expired' });
  });

  it('should make one full list when a continue token expired (TestReflectorFullListIfExpired)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = (options) => {
      if (options.resourceVersion === '0') return { items: pods(4), resourceVersion: '10' };
      if (options.continue === 'C1') throw expired();
      if (options.limit === 4) return { items: pods(4), resourceVersion: '11', continue: 'C1' };
      return { items: pods(8), resourceVersion: '11' };
    };
    const { store } = harness.start(listerWatcher, { pageSize: 4 });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.objects.size).toBe(4);
    await failWatch(listerWatcher);

    expect(listerWatcher.listCalls).toEqual([
      { resourceVersion: '0', limit: 4 },
      { resourceVersion: '10', resourceVersionMatch: 'NotOlderThan', limit: 4 },
      { continue: 'C1', limit: 4 },
      { resourceVersion: '10', resourceVersionMatch: 'NotOlderThan' },
    ]);
    expect(store.objects.size).toBe(8);
  });

  it('should relist from "" on every form of "too large resource version" (TestReflectorFullListIfTooLarge)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    let current = 20;
    listerWatcher.onList = (options) => {
      switch (options.resourceVersion) {
        case '0':
          return { items: [], resourceVersion: '20' };
        case '20':
          current = 30;
          throw ApiStatusError.fromStatus({
            code: 504,
            reason: 'Timeout',
            details: {
              causes: [
                { reason: 'ResourceVersionTooLarge', message: 'Too large resource version' },
              ],
            },
          });
        case '30':
          current = 40;
          throw ApiStatusError.fromStatus({
            code: 504,
            reason: 'Timeout',
            details: { causes: [{ message: 'Too large resource version' }] },
          });
        case '40':
          current = 50;
          throw ApiStatusError.fromStatus({
            code: 504,
            reason: 'Timeout',
            message: 'Too large resource version: 40, current: 39',
          });
        default:
          return { items: [], resourceVersion: String(current) };
      }
    };
    const { events } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);
    for (let run = 0; run < 3; run += 1) await failWatch(listerWatcher);

    expect(listerWatcher.listCalls.map((call) => call.resourceVersion)).toEqual([
      '0',
      '20',
      '',
      '30',
      '',
      '40',
      '',
    ]);
    expect(
      events.filter(
        (event) => event.type === 'relisting' && event.reason === 'too-large-resource-version',
      ),
    ).toHaveLength(3);
  });

  it('should use the page size on every page when one is set (TestReflectorWatchListPageSize)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    const pages: Record<string, ListResult<TestObject>> = {
      '': { items: pods(4, '10', 0), resourceVersion: '10', continue: 'C1' },
      C1: { items: pods(4, '10', 4), resourceVersion: '10', continue: 'C2' },
      C2: { items: pods(2, '10', 8), resourceVersion: '10' },
    };
    listerWatcher.onList = (options: ListOptions) => {
      if (options.resourceVersion === '0') return { items: [], resourceVersion: '10' };
      const page = pages[options.continue ?? ''];
      if (page === undefined) throw new Error(`unexpected continue ${String(options.continue)}`);
      return page;
    };
    const { store, events } = harness.start(listerWatcher, { pageSize: 4 });
    await vi.advanceTimersByTimeAsync(0);
    await failWatch(listerWatcher);

    expect(listerWatcher.listCalls.every((call) => call.limit === 4)).toBe(true);
    expect(listerWatcher.listCalls.slice(1)).toEqual([
      { resourceVersion: '10', resourceVersionMatch: 'NotOlderThan', limit: 4 },
      { continue: 'C1', limit: 4 },
      { continue: 'C2', limit: 4 },
    ]);
    expect(store.objects.size).toBe(10);
    expect(events).toContainEqual({ type: 'listed', items: 10, resourceVersion: '10', pages: 3 });
    expect(events).toContainEqual({
      type: 'list-page',
      items: 2,
      totalSoFar: 10,
      remainingItemCount: undefined,
    });
  });

  it('should not page an exact resourceVersion read (TestReflectorNotPaginatingNotConsistentReads)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = () => ({ items: pods(10), resourceVersion: '10' });
    const { store } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);
    await failWatch(listerWatcher);

    expect(listerWatcher.listCalls[1]).toEqual({ resourceVersion: '10' });
    expect(store.objects.size).toBe(10);
  });

  it('should keep paging once the server paged a "0" list (TestReflectorPaginatingNonConsistentReadsIfWatchCacheDisabled)', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = (options) => {
      if (options.continue === undefined)
        return { items: pods(4, '10', 0), resourceVersion: '10', continue: 'C1' };
      if (options.continue === 'C1')
        return { items: pods(4, '10', 4), resourceVersion: '10', continue: 'C2' };
      return { items: pods(2, '10', 8), resourceVersion: '10' };
    };
    const { store } = harness.start(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.objects.size).toBe(10);
    await failWatch(listerWatcher);

    expect(listerWatcher.listCalls[0]).toEqual({ resourceVersion: '0', limit: 500 });
    expect(listerWatcher.listCalls[3]).toEqual({
      resourceVersion: '10',
      resourceVersionMatch: 'NotOlderThan',
      limit: 500,
    });
    expect(store.objects.size).toBe(10);
  });

  it('should keep retrying a failing list with backoff until it succeeds', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    const onWatchError = vi.fn();
    listerWatcher.onList = (_options, call) => {
      if (call < 3)
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
          code: 'ECONNREFUSED',
        });
      return { items: [pod('foo', '5')], resourceVersion: '5' };
    };
    const { reflector, events } = harness.start(listerWatcher, { onWatchError });
    // Three jittered waits, [0.8, 1.6) + [1.6, 3.2) + [3.2, 6.4) s: at most 11.2 s in all.
    await vi.advanceTimersByTimeAsync(12_000);

    expect(reflector.hasSynced()).toBe(true);
    expect(listerWatcher.listCalls).toHaveLength(4);
    expect(onWatchError).toHaveBeenCalledTimes(3);
    const waits = events.flatMap((event) => (event.type === 'backoff' ? [event.milliseconds] : []));
    expect(waits).toHaveLength(3);
    expect(waits[0]).toBeGreaterThanOrEqual(800);
    expect(waits[0]).toBeLessThan(1600);
    expect(waits[2]).toBeGreaterThanOrEqual(3200);
  });

  it('should treat a throwing replace as a failed list: report it, back off and list again', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = () => ({ items: [pod('foo', '5')], resourceVersion: '5' });
    const store = new RecordingStore<TestObject>();
    let failures = 1;
    const replace = store.replace.bind(store);
    store.replace = (items, resourceVersion) => {
      if (failures-- > 0) throw new Error('disk full');
      replace(items, resourceVersion);
    };
    const onWatchError = vi.fn();
    const reflector = new Reflector<TestObject>({ listerWatcher, store, onWatchError });
    harness.run(reflector);
    await vi.advanceTimersByTimeAsync(2000);

    expect(onWatchError).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'ReflectorCallbackError', operation: 'replace' }),
    );
    expect(listerWatcher.listCalls).toHaveLength(2);
    expect(reflector.hasSynced()).toBe(true);
    expect(store.versions()).toEqual({ foo: '5' });
  });
});
