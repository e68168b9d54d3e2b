import type { KubeObject } from '@kube-cache/indexer';
import { FakeListerWatcher } from '@kube-cache/testing';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { Reflector } from './reflector';
import type { ReflectorEvent } from './reflector-types';
import { useReflectorHarness } from './reflector-harness.test-support';
import { RecordingStore } from './scripted-lister-watcher.test-support';

function configMap(
  name: string,
  namespace = 'default',
  value = '',
): KubeObject & { data: Record<string, string> } {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { value } };
}

function versionsOf(objects: Iterable<KubeObject>): Record<string, string> {
  return Object.fromEntries(
    [...objects].map((object) => [
      `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`,
      object.metadata?.resourceVersion ?? '',
    ]),
  );
}

const harness = useReflectorHarness<KubeObject>();

describe('Reflector with FakeListerWatcher', () => {
  it('should page the first list of 1,200 objects by 500 and then follow the watch', async () => {
    const source = new FakeListerWatcher<KubeObject>({
      initialObjects: Array.from({ length: 1200 }, (_, index) =>
        configMap(`cm-${String(index).padStart(4, '0')}`),
      ),
    });
    const store = new RecordingStore<KubeObject>();
    const events: ReflectorEvent[] = [];
    const reflector = new Reflector<KubeObject>({ listerWatcher: source, store });
    reflector.events.subscribe((event) => events.push(event));
    harness.run(reflector);
    await vi.advanceTimersByTimeAsync(0);

    expect(
      source.calls.filter((call) => call.method === 'list').map((call) => call.options.limit),
    ).toEqual([500, 500, 500]);
    expect(events).toContainEqual({
      type: 'listed',
      items: 1200,
      resourceVersion: source.resourceVersion,
      pages: 3,
    });
    source.add(configMap('late'));
    source.delete(configMap('cm-0000'));
    await vi.advanceTimersByTimeAsync(0);
    expect(versionsOf(store.objects.values())).toEqual(versionsOf(source.objects()));
    await harness.stop();
  });

  it('should relist after a 410 ERROR event and converge after compaction', async () => {
    const source = new FakeListerWatcher<KubeObject>({
      initialObjects: [configMap('a'), configMap('b')],
    });
    const store = new RecordingStore<KubeObject>();
    const reflector = new Reflector<KubeObject>({ listerWatcher: source, store });
    harness.run(reflector);
    await vi.advanceTimersByTimeAsync(0);
    source.modify(configMap('a', 'default', 'changed'));
    source.compact();
    source.sendErrorEvent({
      kind: 'Status',
      code: 410,
      reason: 'Expired',
      message: 'too old resource version',
    });
    source.delete(configMap('b'));
    await vi.advanceTimersByTimeAsync(5000);

    expect(versionsOf(store.objects.values())).toEqual(versionsOf(source.objects()));
    expect(source.calls.filter((call) => call.method === 'list')).toHaveLength(2);
    await harness.stop();
  });

  it('should re-watch without relisting after dropped watches, 429s and refused connections', async () => {
    const source = new FakeListerWatcher<KubeObject>({ initialObjects: [configMap('a')] });
    const store = new RecordingStore<KubeObject>();
    const reflector = new Reflector<KubeObject>({ listerWatcher: source, store });
    harness.run(reflector);
    await vi.advanceTimersByTimeAsync(2000);
    source.failNext('watch', { status: 429, reason: 'TooManyRequests' }, 2);
    source.failNext('watch', 'connection-refused', 2);
    source.dropWatches();
    source.add(configMap('b'));
    await vi.advanceTimersByTimeAsync(60_000);

    const calls = source.calls.map((call) => call.method);
    expect(calls.filter((method) => method === 'list')).toHaveLength(1);
    expect(calls.filter((method) => method === 'watch')).toHaveLength(6);
    expect(versionsOf(store.objects.values())).toEqual(versionsOf(source.objects()));
    await harness.stop();
  });

  it('should move its resourceVersion with bookmarks and watch from there', async () => {
    const source = new FakeListerWatcher<KubeObject>({ initialObjects: [configMap('a')] });
    const reflector = new Reflector<KubeObject>({
      listerWatcher: source,
      store: new RecordingStore<KubeObject>(),
    });
    harness.run(reflector);
    await vi.advanceTimersByTimeAsync(2000);
    // The bookmark carries the newest version even when the last change was a delete.
    source.add(configMap('b'));
    source.delete(configMap('b'));
    source.bookmark();
    await vi.advanceTimersByTimeAsync(0);
    expect(reflector.lastSyncResourceVersion()).toBe(source.resourceVersion);
    source.dropWatches();
    await vi.advanceTimersByTimeAsync(0);

    expect(source.calls.at(-1)?.options.resourceVersion).toBe(source.resourceVersion);
    await harness.stop();
  });

  it('should sync through a watch-list against the fake', async () => {
    const source = new FakeListerWatcher<KubeObject>({
      initialObjects: [configMap('a'), configMap('b')],
    });
    const store = new RecordingStore<KubeObject>();
    const reflector = new Reflector<KubeObject>({
      listerWatcher: source,
      store,
      useWatchList: true,
    });
    harness.run(reflector);
    await vi.advanceTimersByTimeAsync(0);
    source.add(configMap('c'));
    await vi.advanceTimersByTimeAsync(0);

    expect(source.calls.map((call) => call.method)).toEqual(['watch']);
    expect(reflector.hasSynced()).toBe(true);
    expect(versionsOf(store.objects.values())).toEqual(versionsOf(source.objects()));
    await harness.stop();
  });

  it('should end equal to the source after any sequence of changes and faults (property)', async () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const command = fc.oneof(
      fc.record({
        op: fc.constant('upsert' as const),
        name: fc.constantFrom(...names),
        value: fc.string({ maxLength: 3 }),
      }),
      fc.record({ op: fc.constant('delete' as const), name: fc.constantFrom(...names) }),
      fc.record({ op: fc.constantFrom('drop' as const, 'compact' as const, 'bookmark' as const) }),
      fc.record({
        op: fc.constant('fail' as const),
        method: fc.constantFrom('list' as const, 'watch' as const),
        failure: fc.constantFrom<'connection-refused' | { status: number; reason?: string }>(
          'connection-refused',
          { status: 429 },
          { status: 500 },
          { status: 410, reason: 'Expired' },
        ),
        count: fc.integer({ min: 1, max: 3 }),
      }),
      fc.record({ op: fc.constant('error-event' as const), code: fc.constantFrom(410, 500) }),
      fc.record({
        op: fc.constant('wait' as const),
        milliseconds: fc.integer({ min: 0, max: 3000 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(names),
        fc.array(command, { maxLength: 40 }),
        async (initial, commands) => {
          const source = new FakeListerWatcher<KubeObject>({
            initialObjects: initial.map((name) => configMap(name)),
          });
          const store = new RecordingStore<KubeObject>();
          const reflector = new Reflector<KubeObject>({
            listerWatcher: source,
            store,
            pageSize: 2,
          });
          harness.run(reflector);
          try {
            for (const step of commands) {
              switch (step.op) {
                case 'upsert': {
                  const exists = source
                    .objects()
                    .some((object) => object.metadata?.name === step.name);
                  if (exists) source.modify(configMap(step.name, 'default', step.value));
                  else source.add(configMap(step.name, 'default', step.value));
                  break;
                }
                case 'delete':
                  if (source.objects().some((object) => object.metadata?.name === step.name))
                    source.delete(configMap(step.name));
                  break;
                case 'drop':
                  source.dropWatches();
                  break;
                case 'compact':
                  source.compact();
                  break;
                case 'bookmark':
                  source.bookmark();
                  break;
                case 'fail':
                  source.failNext(step.method, step.failure, step.count);
                  break;
                case 'error-event':
                  source.sendErrorEvent({
                    kind: 'Status',
                    code: step.code,
                    reason: step.code === 410 ? 'Expired' : 'InternalError',
                  });
                  break;
                case 'wait':
                  await vi.advanceTimersByTimeAsync(step.milliseconds);
                  break;
              }
              await vi.advanceTimersByTimeAsync(1);
            }
            // Faults stop. Queued failures still cost up to a minute of backoff each: give fake time
            // until the store agrees, bounded by far more than they can take.
            const inStep = (): boolean =>
              JSON.stringify(versionsOf(store.objects.values())) ===
              JSON.stringify(versionsOf(source.objects()));
            for (let minute = 0; minute < 300 && !(reflector.hasSynced() && inStep()); minute += 1)
              await vi.advanceTimersByTimeAsync(60_000);
            expect(versionsOf(store.objects.values())).toEqual(versionsOf(source.objects()));
            expect(reflector.hasSynced()).toBe(true);
          } finally {
            await harness.stop();
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
