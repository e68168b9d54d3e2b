import { FakeApiServer } from '@kube-cache/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { dataObject, namespaceObject, secretResource } from './demo-scenario';
import type { ReplicatedObject } from './replicated-object';
import { replicateToAnnotation } from './replicated-object';
import { runReplicator } from './run-replicator';

const leaseResource = {
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  plural: 'leases',
  namespaced: true,
};

let server: FakeApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000; // a generous bound for convergence, not a timing check
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('runReplicator with leader election', () => {
  it('should run workers on one replica only, and hand over when it stops', async () => {
    server = await FakeApiServer.start({ resources: [secretResource, leaseResource] });
    const fake = server;
    await fake.seed([
      namespaceObject('source'),
      namespaceObject('one'),
      namespaceObject('two'),
      dataObject('ConfigMap', 'source', 'settings', { a: '1' }, { [replicateToAnnotation]: 'one' }),
    ]);
    const logs = { first: [] as string[], second: [] as string[] };
    const start = (name: 'first' | 'second', signal: AbortSignal): Promise<unknown> =>
      runReplicator({
        kubeConfig: fake.kubeConfig(),
        signal,
        log: (line) => logs[name].push(line),
        leaderElection: {
          lease: { namespace: 'default', name: 'replicator' },
          identity: name,
          leaseDurationMilliseconds: 3000,
          renewDeadlineMilliseconds: 2000,
          retryPeriodMilliseconds: 500,
        },
      });
    const stopFirst = new AbortController();
    const stopSecond = new AbortController();
    const first = start('first', stopFirst.signal);
    await until(() => logs.first.includes('first: leading; starting workers'), 'the first to lead');
    const second = start('second', stopSecond.signal);
    const copyIn = (namespace: string): unknown =>
      fake.get('v1', 'ConfigMap', namespace, 'settings');
    await until(() => copyIn('one') !== undefined, 'the first copy');
    await until(() => logs.second.includes('leader is now first'), 'the second to see the leader');
    expect(logs.second.some((line) => line.includes('leading; starting workers'))).toBe(false);

    // A graceful stop releases the Lease; the second takes over and does the next change.
    stopFirst.abort();
    await expect(first).resolves.toBe('stopped');
    await until(() => logs.second.includes('second: leading; starting workers'), 'the hand-over');
    const source = fake.get('v1', 'ConfigMap', 'source', 'settings') as ReplicatedObject;
    fake.update({
      ...source,
      metadata: { ...source.metadata, annotations: { [replicateToAnnotation]: 'one,two' } },
    });
    await until(() => copyIn('two') !== undefined, 'the copy made by the second');
    expect(logs.second).toContain('created ConfigMap two/settings from ConfigMap/source/settings');
    expect(logs.first.some((line) => line.includes('two/settings'))).toBe(false);
    stopSecond.abort();
    await expect(second).resolves.toBe('stopped');
  });
});
