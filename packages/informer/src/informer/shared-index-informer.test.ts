import { FakeListerWatcher } from '@kube-cache/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventHandlerError } from '../errors/event-handler-error';
import { InformerAlreadyStartedError } from '../errors/informer-already-started-error';
import { InformerStoppedError } from '../errors/informer-stopped-error';
import { InvalidInformerOptionsError } from '../errors/invalid-informer-options-error';
import { pod, recordingHandler } from './informer-test-support.test-support';
import type { TestPod } from './informer-test-support.test-support';
import { SharedIndexInformer } from './shared-index-informer';
import type { SharedIndexInformerOptions } from './shared-index-informer-options';
import { waitForCacheSync } from './wait-for-cache-sync';

const running: { controller: AbortController; done: Promise<void> }[] = [];

function start(informer: SharedIndexInformer<TestPod>): AbortController {
  const controller = new AbortController();
  running.push({ controller, done: informer.run(controller.signal) });
  return controller;
}

function informerFor(
  source: FakeListerWatcher<TestPod>,
  options: Partial<SharedIndexInformerOptions<TestPod>> = {},
): SharedIndexInformer<TestPod> {
  return new SharedIndexInformer<TestPod>({
    listerWatcher: source,
    onError: () => undefined,
    ...options,
  });
}

async function settle(milliseconds = 10): Promise<void> {
  await vi.advanceTimersByTimeAsync(milliseconds);
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(async () => {
  for (const { controller } of running) controller.abort();
  await vi.runAllTimersAsync();
  await Promise.all(running.splice(0).map(({ done }) => done));
  vi.useRealTimers();
});

describe('SharedIndexInformer', () => {
  describe('run', () => {
    it('should sync the initial list into the cache and tell handlers it is the initial list', async () => {
      const source = new FakeListerWatcher<TestPod>({
        initialObjects: [pod('a'), pod('b', 'kube-system')],
      });
      const informer = informerFor(source);
      const handler = recordingHandler();
      const registration = informer.addEventHandler(handler);
      expect(informer.hasSynced()).toBe(false);
      start(informer);
      await settle();
      expect(informer.hasSynced()).toBe(true);
      expect(registration.hasSynced()).toBe(true);
      expect(handler.events).toEqual(['add default/a@2 initial', 'add kube-system/b@3 initial']);
      expect(informer.getStore().listKeys().sort()).toEqual(['default/a', 'kube-system/b']);
      expect(informer.lastSyncResourceVersion()).toBe('3');
    });

    it('should deliver watch events as add, update (old and new) and delete', async () => {
      const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a')] });
      const informer = informerFor(source);
      const handler = recordingHandler();
      informer.addEventHandler(handler);
      start(informer);
      await settle();
      source.add(pod('b'));
      source.modify({ ...pod('a'), spec: { nodeName: 'node-1' } });
      source.delete(pod('b'));
      await settle();
      expect(handler.events).toEqual([
        'add default/a@2 initial',
        'add default/b@3',
        'update default/a@2 -> default/a@4',
        'delete default/b@5',
      ]);
      expect(informer.getStore().getByKey('default/a')?.spec?.nodeName).toBe('node-1');
      expect(informer.getStore().getByKey('default/b')).toBeUndefined();
    });

    it('should work the same with the DeltaFIFO', async () => {
      const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a')] });
      const informer = informerFor(source, { queue: 'delta' });
      const handler = recordingHandler();
      informer.addEventHandler(handler);
      start(informer);
      await settle();
      source.modify(pod('a'));
      source.delete(pod('a'));
      await settle();
      expect(handler.events).toEqual([
        'add default/a@2 initial',
        'update default/a@2 -> default/a@3',
        'delete default/a@4',
      ]);
      expect(informer.hasSynced()).toBe(true);
    });

    it('should reject a second run with InformerAlreadyStartedError', async () => {
      const informer = informerFor(new FakeListerWatcher<TestPod>());
      start(informer);
      await expect(informer.run(new AbortController().signal)).rejects.toThrow(
        InformerAlreadyStartedError,
      );
    });

    it('should stop when the signal aborts and refuse new handlers afterwards', async () => {
      const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a')] });
      const informer = informerFor(source);
      const controller = new AbortController();
      const done = informer.run(controller.signal);
      await settle();
      controller.abort();
      await settle();
      await done;
      expect(informer.isStopped()).toBe(true);
      expect(source.openWatches).toBe(0);
      expect(() => informer.addEventHandler(recordingHandler())).toThrow(InformerStoppedError);
      expect(() => informer.addIndexers({ x: () => [] })).toThrow(InformerStoppedError);
    });

    it('should tombstone an object deleted while the watch was down', async () => {
      const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a'), pod('b')] });
      const informer = informerFor(source);
      const handler = recordingHandler();
      informer.addEventHandler(handler);
      start(informer);
      await settle();
      source.dropWatches();
      source.delete(pod('b'));
      source.compact();
      await settle(120_000);
      expect(handler.events).toContain('delete tombstone default/b');
      expect(handler.events).toContain('update default/a@2 -> default/a@2');
      expect([...handler.view.keys()]).toEqual(['default/a']);
      expect(informer.getStore().listKeys()).toEqual(['default/a']);
    });
  });

  describe('addEventHandler', () => {
    it('should give a handler added late synthetic initial adds, and its own sync state', async () => {
      const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a'), pod('b')] });
      const informer = informerFor(source);
      start(informer);
      await settle();
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const late = recordingHandler();
      const registration = informer.addEventHandler({
        ...late,
        onAdd: async (object, initial) => {
          await gate;
          void late.onAdd?.(object, initial);
        },
      });
      expect(informer.hasSynced()).toBe(true);
      expect(registration.hasSynced()).toBe(false);
      release();
      await settle();
      expect(registration.hasSynced()).toBe(true);
      expect(late.events).toEqual(['add default/a@2 initial', 'add default/b@3 initial']);
    });

    it('should keep a slow handler from delaying the others', async () => {
      const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a')] });
      const informer = informerFor(source);
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const slow = recordingHandler();
      informer.addEventHandler({
        onAdd: async (object, initial) => {
          await gate;
          void slow.onAdd?.(object, initial);
        },
      });
      const fast = recordingHandler();
      informer.addEventHandler(fast);
      start(informer);
      await settle();
      source.add(pod('b'));
      await settle();
      expect(fast.events).toEqual(['add default/a@2 initial', 'add default/b@3']);
      expect(slow.events).toEqual([]);
      release();
      await settle();
      expect(slow.events).toEqual(['add default/a@2 initial', 'add default/b@3']);
    });

    it('should await an async handler call before the next one', async () => {
      const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a'), pod('b')] });
      const informer = informerFor(source);
      const trace: string[] = [];
      informer.addEventHandler({
        onAdd: async (object) => {
          trace.push(`start ${object.metadata?.name ?? ''}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
          trace.push(`end ${object.metadata?.name ?? ''}`);
        },
      });
      start(informer);
      await settle(200);
      expect(trace).toEqual(['start a', 'end a', 'start b', 'end b']);
    });

    it('should report a throwing handler and go on, for it and for the others', async () => {
      const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a'), pod('b')] });
      const errors: unknown[] = [];
      const informer = informerFor(source, { onError: (error) => errors.push(error) });
      const seen: string[] = [];
      informer.addEventHandler(
        {
          onAdd: (object) => {
            seen.push(object.metadata?.name ?? '');
            if (object.metadata?.name === 'a') throw new Error('boom');
          },
        },
        { name: 'thrower' },
      );
      informer.addEventHandler({
        onAdd: () => Promise.reject(new Error('async boom')),
      });
      const other = recordingHandler();
      informer.addEventHandler(other);
      start(informer);
      await settle();
      expect(seen).toEqual(['a', 'b']);
      expect(other.events).toHaveLength(2);
      expect(errors).toHaveLength(3);
      const first = errors[0];
      expect(EventHandlerError.isInstance(first) && [first.handlerName, first.callback]).toEqual([
        'thrower',
        'onAdd',
      ]);
      expect((first as Error).cause).toEqual(new Error('boom'));
      expect(informer.hasSynced()).toBe(true);
    });

    it('should emit a process warning for a handler error when no onError is given', async () => {
      const warning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
      const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a')] });
      const informer = new SharedIndexInformer<TestPod>({ listerWatcher: source });
      informer.addEventHandler({
        onAdd: () => {
          throw new Error('boom');
        },
      });
      start(informer);
      await settle();
      expect(warning).toHaveBeenCalledTimes(1);
      expect(EventHandlerError.isInstance(warning.mock.calls[0]?.[0])).toBe(true);
    });

    it('should reject a negative resync period', () => {
      const informer = informerFor(new FakeListerWatcher<TestPod>());
      expect(() => informer.addEventHandler({}, { resyncPeriod: -1 })).toThrow(
        InvalidInformerOptionsError,
      );
    });
  });

  describe('removeEventHandler', () => {
    it('should stop calling a removed handler, and be idempotent and safe for foreign handles', async () => {
      const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a')] });
      const informer = informerFor(source);
      const other = informerFor(source);
      const removed = recordingHandler();
      const kept = recordingHandler();
      const registration = informer.addEventHandler(removed);
      const foreign = other.addEventHandler(recordingHandler());
      informer.addEventHandler(kept);
      start(informer);
      await settle();
      informer.removeEventHandler(registration);
      informer.removeEventHandler(registration);
      informer.removeEventHandler(foreign);
      informer.removeEventHandler({ name: 'fake', hasSynced: () => true });
      source.add(pod('b'));
      await settle();
      expect(removed.events).toEqual(['add default/a@2 initial']);
      expect(kept.events).toEqual(['add default/a@2 initial', 'add default/b@3']);
    });
  });

  describe('relist', () => {
    it('should re-notify every handler of unchanged objects after a relist when resync is off', async () => {
      const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a'), pod('b')] });
      const informer = informerFor(source);
      const first = recordingHandler();
      const second = recordingHandler();
      informer.addEventHandler(first);
      informer.addEventHandler(second, { resyncPeriod: 0 });
      start(informer);
      await settle();
      source.sendErrorEvent({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        code: 410,
        reason: 'Expired',
        message: 'too old resource version',
      });
      await settle(120_000);
      // client-go starts every listener as syncing and only a resync check clears that, so a
      // relist tells every handler about every unchanged object again.
      const relisted = ['update default/a@2 -> default/a@2', 'update default/b@3 -> default/b@3'];
      expect(first.events).toEqual([
        'add default/a@2 initial',
        'add default/b@3 initial',
        ...relisted,
      ]);
      expect(second.events).toEqual(first.events);
    });
  });

  describe('resync', () => {
    it('should resync only the handlers due, as updates with an unchanged resourceVersion', async () => {
      const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a')] });
      const informer = informerFor(source, { resyncPeriod: 30_000 });
      const resyncing = recordingHandler();
      const quiet = recordingHandler();
      const slower = recordingHandler();
      informer.addEventHandler(resyncing);
      informer.addEventHandler(quiet, { resyncPeriod: 0 });
      informer.addEventHandler(slower, { resyncPeriod: 60_000 });
      start(informer);
      await settle();
      await settle(30_000);
      const resync = 'update default/a@2 -> default/a@2';
      expect(resyncing.events).toEqual(['add default/a@2 initial', resync]);
      expect(slower.events).toEqual(['add default/a@2 initial']);
      await settle(30_000);
      expect(resyncing.events).toEqual(['add default/a@2 initial', resync, resync]);
      expect(slower.events).toEqual(['add default/a@2 initial', resync]);
      expect(quiet.events).toEqual(['add default/a@2 initial']);
    });

    it('should clamp a handler period to 1 s and lower the check period before start', async () => {
      const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a')] });
      const informer = informerFor(source, { resyncPeriod: 60_000 });
      const fast = recordingHandler();
      informer.addEventHandler(fast, { resyncPeriod: 10 });
      start(informer);
      await settle(5);
      await settle(990);
      expect(fast.events).toHaveLength(1);
      await settle(10);
      expect(fast.events).toHaveLength(2);
    });

    it('should raise a handler period to the check period once started', async () => {
      const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a')] });
      const informer = informerFor(source, { resyncPeriod: 10_000 });
      start(informer);
      await settle();
      const late = recordingHandler();
      informer.addEventHandler(late, { resyncPeriod: 1_000 });
      await settle(5_000);
      expect(late.events).toHaveLength(1);
      await settle(15_000);
      expect(late.events.length).toBeGreaterThan(1);
    });
  });

  describe('configuration', () => {
    it('should apply the transform once on the way in', async () => {
      const source = new FakeListerWatcher<TestPod>({
        initialObjects: [
          { ...pod('a'), metadata: { name: 'a', namespace: 'default', managedFields: [{}] } },
        ],
      });
      const informer = informerFor(source);
      let calls = 0;
      informer.setTransform((object) => {
        calls += 1;
        const { managedFields: _dropped, ...metadata } = object.metadata ?? {};
        return { ...object, metadata };
      });
      const handler = recordingHandler();
      informer.addEventHandler(handler);
      start(informer);
      await settle();
      expect(calls).toBe(1);
      expect(informer.getStore().getByKey('default/a')?.metadata?.managedFields).toBeUndefined();
      expect(handler.view.get('default/a')?.metadata?.managedFields).toBeUndefined();
    });

    it('should not store a watched object whose transform throws, report it, and keep watching', async () => {
      const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a')] });
      const watchErrors: unknown[] = [];
      const informer = informerFor(source, {
        onWatchError: (error) => watchErrors.push(error),
        transform: (object) => {
          if (object.spec?.nodeName === 'bad') throw new Error('cannot transform');
          return object;
        },
      });
      const handler = recordingHandler();
      informer.addEventHandler(handler);
      start(informer);
      await settle();
      source.modify(pod('a', 'default', 'bad'));
      source.add(pod('b', 'default', 'bad'));
      source.add(pod('c'));
      await settle();
      // The cache keeps what it held: the previous a, no b.
      expect(informer.getStore().getByKey('default/a')?.metadata?.resourceVersion).toBe('2');
      expect(informer.getStore().listKeys().sort()).toEqual(['default/a', 'default/c']);
      expect(handler.events).toEqual(['add default/a@2 initial', 'add default/c@5']);
      expect(watchErrors).toHaveLength(2);
      expect((watchErrors[0] as Error).cause).toEqual(
        expect.objectContaining({ name: 'TransformError' }),
      );
      expect(informer.lastSyncResourceVersion()).toBe('5');
    });

    it('should refuse setTransform and setWatchErrorHandler after start', () => {
      const informer = informerFor(new FakeListerWatcher<TestPod>());
      informer.setWatchErrorHandler(() => undefined);
      start(informer);
      expect(() => informer.setTransform((object) => object)).toThrow(InformerAlreadyStartedError);
      expect(() => informer.setWatchErrorHandler(() => undefined)).toThrow(
        InformerAlreadyStartedError,
      );
    });

    it('should call the watch error handler with list and watch errors', async () => {
      const source = new FakeListerWatcher<TestPod>();
      source.failNext('list', { status: 500, message: 'etcd down' });
      const informer = informerFor(source);
      const errors: unknown[] = [];
      informer.setWatchErrorHandler((error) => errors.push(error));
      start(informer);
      await settle(5_000);
      expect(errors).toHaveLength(1);
      expect(informer.hasSynced()).toBe(true);
    });

    it('should add indexers while running, usable at once', async () => {
      const source = new FakeListerWatcher<TestPod>({
        initialObjects: [pod('a', 'default', 'node-1'), pod('b', 'default', 'node-2')],
      });
      const informer = informerFor(source, {
        indexers: { namespace: (object) => [object.metadata?.namespace ?? ''] },
      });
      start(informer);
      await settle();
      informer.addIndexers({
        node: (object) => (object.spec?.nodeName ? [object.spec.nodeName] : []),
      });
      expect(
        informer
          .getIndexer()
          .byIndex('node', 'node-1')
          .map((object) => object.metadata?.name),
      ).toEqual(['a']);
      source.add(pod('c', 'default', 'node-1'));
      await settle();
      expect(informer.getIndexer().indexKeys('node', 'node-1')).toEqual(['default/a', 'default/c']);
    });

    it('should report an index function failure and not notify handlers of that delta', async () => {
      const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a'), pod('bad')] });
      const errors: unknown[] = [];
      const informer = informerFor(source, {
        onError: (error) => errors.push(error),
        indexers: {
          broken: (object) => {
            if (object.metadata?.name === 'bad') throw new Error('cannot index');
            return [];
          },
        },
      });
      const handler = recordingHandler();
      informer.addEventHandler(handler);
      start(informer);
      await settle();
      expect(handler.events).toEqual(['add default/a@2 initial']);
      expect(informer.getStore().listKeys()).toEqual(['default/a']);
      expect(errors).toHaveLength(1);
      expect((errors[0] as Error).name).toBe('DeltaProcessingError');
      expect(informer.hasSynced()).toBe(true);
    });

    it('should reject bad options', () => {
      const source = new FakeListerWatcher<TestPod>();
      expect(() => new SharedIndexInformer<TestPod>({ listerWatcher: {} as never })).toThrow(
        InvalidInformerOptionsError,
      );
      expect(
        () => new SharedIndexInformer<TestPod>({ listerWatcher: source, resyncPeriod: -5 }),
      ).toThrow(InvalidInformerOptionsError);
      expect(
        () => new SharedIndexInformer<TestPod>({ listerWatcher: source, queue: 'lifo' as never }),
      ).toThrow(InvalidInformerOptionsError);
    });
  });

  describe('onReflectorEvent', () => {
    it('should pass on the reflector events and report a listener that throws', async () => {
      const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a')] });
      const types: string[] = [];
      const errors: unknown[] = [];
      const informer = informerFor(source, {
        onError: (error) => errors.push(error),
        onReflectorEvent: (event) => {
          types.push(event.type);
          if (event.type === 'synced') throw new Error('listener broke');
        },
      });
      start(informer);
      await settle();
      expect(informer.hasSynced()).toBe(true);
      expect(types.slice(0, 3)).toEqual(['relisting', 'list-page', 'listed']);
      expect(types).toContain('synced');
      expect(types).toContain('watch-started');
      expect(errors).toEqual([new Error('listener broke')]);

      source.add(pod('b'));
      await settle();
      expect(informer.getStore().listKeys().sort()).toEqual(['default/a', 'default/b']);
    });
  });

  describe('waitForCacheSync', () => {
    it('should resolve true once informers and registrations have synced', async () => {
      const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a')] });
      const informer = informerFor(source);
      const registration = informer.addEventHandler(recordingHandler());
      const controller = start(informer);
      const synced = waitForCacheSync(controller.signal, informer, registration);
      await settle(200);
      await expect(synced).resolves.toBe(true);
    });

    it('should resolve false when the signal aborts first', async () => {
      const source = new FakeListerWatcher<TestPod>();
      source.failNext('list', 'connection-refused', 100);
      const informer = informerFor(source);
      start(informer);
      const controller = new AbortController();
      const synced = waitForCacheSync(controller.signal, informer);
      await settle(1_000);
      controller.abort();
      await expect(synced).resolves.toBe(false);
    });
  });
});
