import {
  DeletedFinalStateUnknown,
  NAMESPACE_INDEX,
  metaNamespaceIndexFunc,
} from '@kube-cache/indexer';
import { FakeListerWatcher } from '@kube-cache/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventHandlerError } from '../errors/event-handler-error';
import { Lister } from '../listers/lister';
import { pod } from './informer-test-support.test-support';
import type { TestPod } from './informer-test-support.test-support';
import { mutationDetectorFromEnvironment } from './mutation-detector';
import { SharedIndexInformer } from './shared-index-informer';
import type { SharedIndexInformerOptions } from './shared-index-informer-options';

const running: { controller: AbortController; done: Promise<void> }[] = [];

function start(
  source: FakeListerWatcher<TestPod>,
  options: Partial<SharedIndexInformerOptions<TestPod>> = {},
): { informer: SharedIndexInformer<TestPod>; errors: unknown[] } {
  const errors: unknown[] = [];
  const informer = new SharedIndexInformer<TestPod>({
    listerWatcher: source,
    indexers: { [NAMESPACE_INDEX]: metaNamespaceIndexFunc },
    onError: (error) => errors.push(error),
    ...options,
  });
  const controller = new AbortController();
  running.push({ controller, done: informer.run(controller.signal) });
  return { informer, errors };
}

/** Every object handed to a handler, by callback. */
function collectingHandler() {
  const received: { callback: string; objects: unknown[] }[] = [];
  return {
    received,
    handler: {
      onAdd: (object: TestPod) => void received.push({ callback: 'onAdd', objects: [object] }),
      onUpdate: (oldObject: TestPod, newObject: TestPod) =>
        void received.push({ callback: 'onUpdate', objects: [oldObject, newObject] }),
      onDelete: (object: TestPod | DeletedFinalStateUnknown<TestPod>) =>
        void received.push({ callback: 'onDelete', objects: [object] }),
    },
  };
}

function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (!Object.isFrozen(value)) return false;
  return Object.values(value).every(isDeeplyFrozen);
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(async () => {
  for (const { controller } of running) controller.abort();
  await vi.runAllTimersAsync();
  await Promise.all(running.splice(0).map(({ done }) => done));
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe('detectMutations', () => {
  it('should deep-freeze every handler argument and every cache read', async () => {
    const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a'), pod('b')] });
    const { informer } = start(source, { detectMutations: true });
    const { received, handler } = collectingHandler();
    informer.addEventHandler(handler);
    await vi.advanceTimersByTimeAsync(10);
    source.modify({ ...pod('a'), spec: { nodeName: 'node-1' } });
    source.delete(pod('b'));
    source.add(pod('c'));
    await vi.advanceTimersByTimeAsync(10);
    source.dropWatches();
    source.delete(pod('c'));
    source.compact();
    await vi.advanceTimersByTimeAsync(120_000);

    expect(received.map((call) => call.callback)).toEqual([
      'onAdd',
      'onAdd',
      'onUpdate',
      'onDelete',
      'onAdd',
      'onDelete',
      'onUpdate',
    ]);
    const tombstone = received.at(-2)?.objects[0];
    expect(DeletedFinalStateUnknown.isInstance(tombstone)).toBe(true);
    for (const call of received) {
      for (const object of call.objects) expect(isDeeplyFrozen(object)).toBe(true);
    }
    const lister = new Lister(informer.getIndexer());
    const reads = [
      ...lister.list(),
      ...lister.namespaced('default').list(),
      lister.namespaced('default').get('a'),
      ...informer.getIndexer().byIndex(NAMESPACE_INDEX, 'default'),
      informer.getStore().getByKey('default/a'),
    ];
    expect(reads).toHaveLength(5);
    for (const object of reads) expect(isDeeplyFrozen(object)).toBe(true);
  });

  it('should make a mutating handler throw at the mutation, and keep the cache and indices intact', async () => {
    const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a')] });
    const { informer, errors } = start(source, { detectMutations: true });
    let mutated = false;
    informer.addEventHandler({
      onAdd: (object) => {
        object.metadata = { ...object.metadata, namespace: 'elsewhere' };
        mutated = true;
      },
    });
    await vi.advanceTimersByTimeAsync(10);
    source.modify(pod('a'));
    source.delete(pod('a'));
    await vi.advanceTimersByTimeAsync(10);

    expect(mutated).toBe(false);
    expect(errors).toHaveLength(1);
    expect(EventHandlerError.isInstance(errors[0])).toBe(true);
    expect((errors[0] as Error).cause).toBeInstanceOf(TypeError);
    expect(informer.getStore().listKeys()).toEqual([]);
    expect(informer.getIndexer().byIndex(NAMESPACE_INDEX, 'default')).toEqual([]);
    expect(informer.getIndexer().byIndex(NAMESPACE_INDEX, 'elsewhere')).toEqual([]);
  });

  it('should be off by default', async () => {
    vi.stubEnv('KUBE_CACHE_MUTATION_DETECTOR', '');
    const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a')] });
    const { informer } = start(source);
    const { received, handler } = collectingHandler();
    informer.addEventHandler(handler);
    await vi.advanceTimersByTimeAsync(10);

    expect(Object.isFrozen(received[0]?.objects[0])).toBe(false);
    expect(Object.isFrozen(informer.getStore().getByKey('default/a'))).toBe(false);
  });

  it('should turn on with KUBE_CACHE_MUTATION_DETECTOR=true, unless the option says false', async () => {
    vi.stubEnv('KUBE_CACHE_MUTATION_DETECTOR', 'true');
    const source = new FakeListerWatcher<TestPod>({ initialObjects: [pod('a')] });
    const fromEnvironment = start(source).informer;
    const optedOut = start(source, { detectMutations: false }).informer;
    await vi.advanceTimersByTimeAsync(10);

    expect(isDeeplyFrozen(fromEnvironment.getStore().getByKey('default/a'))).toBe(true);
    expect(Object.isFrozen(optedOut.getStore().getByKey('default/a'))).toBe(false);
  });
});

describe('mutationDetectorFromEnvironment', () => {
  it("should read the variable as Go's strconv.ParseBool does", () => {
    const answers = Object.fromEntries(
      ['1', 't', 'T', 'true', 'TRUE', 'True', '0', 'false', 'yes', 'tRuE', ''].map((value) => {
        vi.stubEnv('KUBE_CACHE_MUTATION_DETECTOR', value);
        return [value, mutationDetectorFromEnvironment()];
      }),
    );
    expect(answers).toEqual({
      '1': true,
      t: true,
      T: true,
      true: true,
      TRUE: true,
      True: true,
      '0': false,
      false: false,
      yes: false,
      tRuE: false,
      '': false,
    });
    vi.stubEnv('KUBE_CACHE_MUTATION_DETECTOR', undefined);
    expect(mutationDetectorFromEnvironment()).toBe(false);
  });
});
