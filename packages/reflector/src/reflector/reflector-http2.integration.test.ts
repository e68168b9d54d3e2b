import type { KubeObject } from '@kube-cache/indexer';
import { FakeApiServer } from '@kube-cache/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createListWatch } from '../list-watch/list-watch';
import { Reflector } from './reflector';
import type { ReflectorEvent } from './reflector-types';
import { configMap, eventually, ReflectorHarness } from './reflector-harness.test-support';
import { RecordingStore } from './scripted-lister-watcher.test-support';
import { ConnectionLostError } from '../errors/connection-lost-error';
import { KubeTransport } from '../transport/kube-transport';
import { ManualClock } from '../transport/manual-clock.test-support';

let server: FakeApiServer | undefined;
let transport: KubeTransport | undefined;
const harness = new ReflectorHarness<KubeObject>();

afterEach(async () => {
  await harness.stop();
  await transport?.close();
  await server?.close();
});

function versions(objects: Iterable<KubeObject>): Record<string, string> {
  return Object.fromEntries(
    [...objects].map((object) => [
      object.metadata?.name ?? '',
      object.metadata?.resourceVersion ?? '',
    ]),
  );
}

// Real sockets on a shared, busy machine: generous limits (the checks themselves use no timing).
describe('Reflector over HTTP/2 (FakeApiServer)', { timeout: 30_000 }, () => {
  it('should detect a stalled connection within read-idle + ping timeout and converge without a relist', async () => {
    server = await FakeApiServer.start({ https: true });
    const fake = server;
    for (let index = 0; index < 200; index += 1) fake.create(configMap(`cm-${index}`));
    const kubeConfig = fake.kubeConfig();
    const clock = new ManualClock();
    transport = new KubeTransport({ kubeConfig, clock });
    const store = new RecordingStore<KubeObject>();
    const events: ReflectorEvent[] = [];
    const reflector = new Reflector<KubeObject>({
      listerWatcher: createListWatch(
        kubeConfig,
        { apiVersion: 'v1', plural: 'configmaps' },
        { transport },
      ),
      store,
      expectedType: { apiVersion: 'v1', kind: 'ConfigMap' },
    });
    reflector.events.subscribe((event) => events.push(event));
    harness.run(reflector);
    await reflector.waitForSync(AbortSignal.timeout(20_000));
    for (let index = 0; index < 50; index += 1) fake.update(configMap(`cm-${index}`, 'churn'));
    await eventually(() =>
      expect(versions(store.objects.values())).toEqual(versions(fake.list('v1', 'ConfigMap'))),
    );

    expect(fake.stallConnections()).toBe(1);
    for (let index = 50; index < 100; index += 1) fake.update(configMap(`cm-${index}`, 'after'));
    fake.create(configMap('born-in-the-stall'));
    fake.delete('v1', 'ConfigMap', 'default', 'cm-199');
    // Nothing can arrive over the stalled connection: the store stays behind.
    expect(store.objects.has('default/born-in-the-stall')).toBe(false);
    clock.advance(30_000);
    expect(transport.sessions()[0]).toMatchObject({ pingOutstanding: true });
    clock.advance(15_000);

    await eventually(() =>
      expect(versions(store.objects.values())).toEqual(versions(fake.list('v1', 'ConfigMap'))),
    );
    const lost = events.filter(
      (event) => event.type === 'error' && ConnectionLostError.isInstance(event.error),
    );
    expect(lost).toHaveLength(1);
    expect(events.filter((event) => event.type === 'listed')).toHaveLength(1);
    expect(fake.watchRequests).toBe(2);
    expect(fake.connections().filter((connection) => !connection.stalled)).toEqual([
      expect.objectContaining({ protocol: 'h2', openStreams: 1 }),
    ]);
  });

  it('should keep a quiet watch on a healthy session through 10 minutes of clock time: one watch request', async () => {
    server = await FakeApiServer.start({ https: true });
    const fake = server;
    fake.create(configMap('before'));
    const kubeConfig = fake.kubeConfig();
    const clock = new ManualClock();
    transport = new KubeTransport({ kubeConfig, clock });
    const healthCheckedTransport = transport;
    const store = new RecordingStore<KubeObject>();
    const reflector = new Reflector<KubeObject>({
      listerWatcher: createListWatch(
        kubeConfig,
        { apiVersion: 'v1', plural: 'configmaps' },
        { transport },
      ),
      store,
      expectedType: { apiVersion: 'v1', kind: 'ConfigMap' },
      clock,
    });
    harness.run(reflector);
    await reflector.waitForSync(AbortSignal.timeout(20_000));
    await eventually(() => expect(fake.openWatches).toBe(1));

    for (let elapsed = 0; elapsed < 600_000; elapsed += 5_000) {
      clock.advance(5_000);
      // Real I/O: let a PING's ACK arrive before fake time passes its timeout.
      await eventually(() =>
        expect(healthCheckedTransport.sessions()[0]?.pingOutstanding).toBe(false),
      );
    }
    fake.create(configMap('after-ten-quiet-minutes'));

    await eventually(() => expect(store.objects.has('default/after-ten-quiet-minutes')).toBe(true));
    expect(fake.watchRequests).toBe(1);
    expect(healthCheckedTransport.sessions()).toEqual([
      expect.objectContaining({ openStreams: 1, pingsSent: 20 }),
    ]);
  }, 60_000);
});
