import { Cache, deletionHandlingMetaNamespaceKeyFunc } from '@kube-cache/indexer';
import type { KubeObject } from '@kube-cache/indexer';
import { FakeApiServer, seededRandom } from '@kube-cache/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createListWatch } from '../list-watch/list-watch';
import { Reflector } from './reflector';
import { ReflectorHarness } from './reflector-harness.test-support';

let server: FakeApiServer | undefined;
const harness = new ReflectorHarness<KubeObject>();

afterEach(async () => {
  await harness.stop();
  await server?.close();
});

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

function keyOf(object: KubeObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

describe('Reflector chaos', () => {
  it('should end exactly in step with the server after random changes under every fault', async () => {
    const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
    const random = seededRandom(seed);
    const pick = <V>(values: readonly V[]): V => values[Math.floor(random() * values.length)] as V;
    const fake = await FakeApiServer.start({ https: true, bookmarkIntervalMilliseconds: 150 });
    server = fake;
    const store = new Cache<KubeObject>(deletionHandlingMetaNamespaceKeyFunc);
    const errors: unknown[] = [];
    const reflector = new Reflector<KubeObject>({
      listerWatcher: createListWatch(fake.kubeConfig(), { apiVersion: 'v1', plural: 'configmaps' }),
      store,
      pageSize: 7,
      backoff: { initialMilliseconds: 5, maxMilliseconds: 100 },
      watchInactivityTimeoutMilliseconds: 3000,
      expectedType: { apiVersion: 'v1', kind: 'ConfigMap' },
      onWatchError: (error) => errors.push(error),
    });
    harness.run(reflector);
    let runEnded = false;
    void harness.running?.then(() => {
      runEnded = true;
    });

    const namespaces = ['default', 'kube-system'];
    const names: string[] = [];
    const faults: Record<string, () => Promise<void> | void> = {
      closeWatches: () => fake.closeWatches(),
      compact: () => fake.compact(),
      compactAndClose: () => {
        fake.compact();
        fake.closeWatches();
      },
      listError500: () =>
        fake.failNext({ method: 'GET', path: /configmaps$/, count: 2 }, { code: 500 }),
      throttle429: () =>
        fake.failNext({ method: 'GET', path: /configmaps$/, count: 2 }, { code: 429 }),
      expired410: () =>
        fake.failNext(
          { method: 'GET', path: /configmaps$/, count: 1 },
          { code: 410, reason: 'Expired' },
        ),
      malformedLine: () => fake.sendMalformedLine(),
      restart: () => fake.restart(),
    };
    const injected = new Set<string>();
    for (let step = 0; step < 400; step += 1) {
      const roll = random();
      if (roll < 0.4 || names.length === 0) {
        const name = `cm-${step}`;
        const object = fake.create({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name, namespace: pick(namespaces) },
          data: { step: String(step) },
        });
        names.push(keyOf(object));
      } else if (roll < 0.75) {
        const [namespace, name] = pick(names).split('/') as [string, string];
        const current = fake.get('v1', 'ConfigMap', namespace, name);
        if (current !== undefined) fake.update({ ...current, data: { step: String(step) } });
      } else if (roll < 0.92) {
        const key = pick(names);
        const [namespace, name] = key.split('/') as [string, string];
        fake.delete('v1', 'ConfigMap', namespace, name);
        names.splice(names.indexOf(key), 1);
      } else {
        const fault = pick(Object.keys(faults));
        injected.add(fault);
        await faults[fault]?.();
      }
      if (step % 5 === 0) await sleep(random() * 15);
    }
    // Make sure every fault ran at least once, whatever the seed.
    for (const [name, fault] of Object.entries(faults)) {
      if (!injected.has(name)) await fault();
      await sleep(20);
    }
    // Faults over (queued ones drain first). Then a last burst of changes that only the watch
    // delivers: no list may happen during it.
    let watchesStarted = 0;
    let lists = 0;
    reflector.events.subscribe((event) => {
      if (event.type === 'watch-started') watchesStarted += 1;
      if (event.type === 'listed') lists += 1;
    });
    const stableBy = Date.now() + 30_000;
    for (;;) {
      const started = watchesStarted;
      await sleep(300);
      if (reflector.isWatching() && started === watchesStarted) break;
      if (Date.now() > stableBy)
        throw new Error(`seed ${seed}: the watch never settled after the faults`);
    }
    const listsBeforeTail = lists;
    for (let step = 0; step < 30; step += 1) {
      const name = `tail-${step}`;
      fake.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: 'default' },
      });
      if (step % 3 === 1) fake.delete('v1', 'ConfigMap', 'default', `tail-${step - 1}`);
      const survivor = names.pop();
      if (survivor !== undefined && step % 2 === 0) {
        const [namespace, oldName] = survivor.split('/') as [string, string];
        fake.delete('v1', 'ConfigMap', namespace, oldName);
      }
    }

    const expected = (): Map<string, KubeObject> =>
      new Map(fake.list('v1', 'ConfigMap').map((object) => [keyOf(object), object]));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const want = expected();
      if (
        want.size === store.listKeys().length &&
        [...want].every(
          ([key, object]) =>
            store.getByKey(key)?.metadata?.resourceVersion === object.metadata?.resourceVersion,
        )
      ) {
        break;
      }
      await sleep(25);
    }

    const want = expected();
    expect(store.listKeys().sort(), `seed ${seed}`).toEqual([...want.keys()].sort());
    for (const [key, object] of want)
      expect(store.getByKey(key), `seed ${seed}, ${key}`).toEqual(object);
    expect(lists, `seed ${seed}: the tail must come through the watch`).toBe(listsBeforeTail);
    expect(runEnded).toBe(false);
    expect(reflector.hasSynced()).toBe(true);
    expect(errors.length).toBeGreaterThan(0);
  }, 60_000);
});
