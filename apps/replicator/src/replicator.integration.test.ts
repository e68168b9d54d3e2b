import { CoreV1Api } from '@kubernetes/client-node';
import { FakeApiServer } from '@kube-cache/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientNodeReplicaWriter } from './client-node-replica-writer';
import { dataObject, demoSeed, demoSteps, namespaceObject, secretResource } from './demo-scenario';
import { ReplicaWriteError } from './replica-writer';
import type { ReplicatedObject } from './replicated-object';
import { replicateToAnnotation } from './replicated-object';
import { runReplicator } from './run-replicator';

const label = 'replicator.kube-cache.dev/replica';
const sourceOf = 'replicator.kube-cache.dev/source';

let server: FakeApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Every ConfigMap and Secret in the server as `Kind ns/name -> data`, copies and others. */
function snapshot(fake: FakeApiServer): Map<string, string> {
  const result = new Map<string, string>();
  for (const kind of ['ConfigMap', 'Secret']) {
    for (const object of fake.list('v1', kind) as ReplicatedObject[]) {
      const copyOf = object.metadata?.annotations?.[sourceOf];
      const marker = object.metadata?.labels?.[label] === 'true' ? ` copy-of=${copyOf ?? '?'}` : '';
      result.set(
        `${kind} ${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`,
        `${JSON.stringify(object.data ?? {})}${marker}`,
      );
    }
  }
  return result;
}

function copies(fake: FakeApiServer): string[] {
  return [...snapshot(fake)]
    .filter(([, value]) => value.includes(' copy-of='))
    .map(([key, value]) => `${key} ${value}`)
    .sort();
}

async function until(condition: () => boolean, what: () => string): Promise<void> {
  const deadline = Date.now() + 20_000; // a generous upper bound for convergence, not a timing check
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`did not converge: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the replicator on FakeApiServer (real HTTP, client-node writes)', () => {
  it('should converge through the whole demo script to exactly the expected copies', async () => {
    server = await FakeApiServer.start({ resources: [secretResource] });
    await server.seed(demoSeed());
    const fake = server;
    const stop = new AbortController();
    const lines: string[] = [];
    const running = runReplicator({
      kubeConfig: fake.kubeConfig(),
      workers: 3,
      signal: stop.signal,
      log: (line) => lines.push(line),
    });
    const allNamespaces = [
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
      'team-a',
      'team-b',
      'team-c',
    ];
    const initial = [
      'ConfigMap team-a/app-config {"logLevel":"info"} copy-of=platform/app-config',
      'ConfigMap team-b/app-config {"logLevel":"info"} copy-of=platform/app-config',
      ...allNamespaces.map(
        (namespace) =>
          `ConfigMap ${namespace}/ca-bundle {"ca.crt":"CERT-1"} copy-of=platform/ca-bundle`,
      ),
      `Secret team-a/db-credentials {"password":"czNjcmV0"} copy-of=platform/db-credentials`,
      `Secret team-c/db-credentials {"password":"czNjcmV0"} copy-of=platform/db-credentials`,
    ].sort();
    await until(
      () => JSON.stringify(copies(fake)) === JSON.stringify(initial),
      () => copies(fake).join('\n'),
    );
    // The foreign object of the same name is untouched, and the skip was said.
    expect(snapshot(fake).get('ConfigMap team-d/ca-bundle')).toBe('{"ca.crt":"THEIR-OWN"}');
    expect(lines.some((line) => line.startsWith('skipped ConfigMap team-d/ca-bundle'))).toBe(true);

    for (const step of demoSteps()) step.apply(fake);
    // After the script: app-config (debug) in team-b and team-c; no Secret copies; no ca-bundle.
    const final = [
      'ConfigMap team-b/app-config {"logLevel":"debug"} copy-of=platform/app-config',
      'ConfigMap team-c/app-config {"logLevel":"debug"} copy-of=platform/app-config',
    ];
    await until(
      () => JSON.stringify(copies(fake)) === JSON.stringify(final),
      () => copies(fake).join('\n'),
    );
    expect(snapshot(fake).get('ConfigMap team-d/ca-bundle')).toBe('{"ca.crt":"THEIR-OWN"}');
    stop.abort();
    await expect(running).resolves.toBe('stopped');
  });

  it('should write nothing with dryRun, yet print what it would do', async () => {
    server = await FakeApiServer.start({ resources: [secretResource] });
    await server.seed([
      namespaceObject('source'),
      namespaceObject('target'),
      dataObject(
        'ConfigMap',
        'source',
        'settings',
        { a: '1' },
        { [replicateToAnnotation]: 'target' },
      ),
    ]);
    const stop = new AbortController();
    const lines: string[] = [];
    const running = runReplicator({
      kubeConfig: server.kubeConfig(),
      dryRun: true,
      signal: stop.signal,
      log: (line) => lines.push(line),
    });
    await until(
      () => lines.length > 0,
      () => 'no line printed',
    );
    expect(lines[0]).toBe(
      '(dry run) created ConfigMap target/settings from ConfigMap/source/settings',
    );
    expect(server.get('v1', 'ConfigMap', 'target', 'settings')).toBeUndefined();
    stop.abort();
    await running;
  });
});

describe('ClientNodeReplicaWriter', () => {
  it('should refuse a stale replace or delete with a 409 and accept a delete of a missing copy', async () => {
    server = await FakeApiServer.start({ resources: [secretResource] });
    await server.seed([namespaceObject('team')]);
    const writer = new ClientNodeReplicaWriter(server.kubeConfig().makeApiClient(CoreV1Api));
    const secret = dataObject('Secret', 'team', 'token', { key: 'dmFsdWU=' });
    await writer.create(secret);
    const created = server.get('v1', 'Secret', 'team', 'token') as ReplicatedObject;
    expect(created.data).toEqual({ key: 'dmFsdWU=' });
    const staleVersion = created.metadata?.resourceVersion;
    server.update({ ...created, data: { key: 'b3RoZXI=' } });

    const staleReplace = writer.replace({
      ...secret,
      metadata: { ...secret.metadata, resourceVersion: staleVersion },
    });
    await expect(staleReplace).rejects.toSatisfy(
      (error) => error instanceof ReplicaWriteError && error.status === 409,
    );
    await expect(writer.delete('Secret', 'team', 'token', staleVersion)).rejects.toSatisfy(
      (error) => error instanceof ReplicaWriteError && error.status === 409,
    );
    // Nothing was overwritten or deleted blindly.
    expect((server.get('v1', 'Secret', 'team', 'token') as ReplicatedObject).data).toEqual({
      key: 'b3RoZXI=',
    });
    await expect(writer.create(secret)).rejects.toSatisfy(
      (error) => error instanceof ReplicaWriteError && error.status === 409,
    );
    await expect(writer.delete('Secret', 'team', 'absent', undefined)).resolves.toBe(false);
    const current = server.get('v1', 'Secret', 'team', 'token') as ReplicatedObject;
    await expect(
      writer.delete('Secret', 'team', 'token', current.metadata?.resourceVersion),
    ).resolves.toBe(true);
    expect(server.get('v1', 'Secret', 'team', 'token')).toBeUndefined();
  });
});
