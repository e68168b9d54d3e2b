import { SharedIndexInformer } from '@kube-cache/informer';
import { FakeListerWatcher } from '@kube-cache/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NamespaceObject, ReplicatedObject } from './replicated-object';
import {
  isReplica,
  replicaLabel,
  replicateToAnnotation,
  replicateToSelectorAnnotation,
  sourceAnnotation,
} from './replicated-object';
import { Replicator, replicatorIndexers } from './replicator';
import { configMap, FakeClusterWriter, namespace } from './replicator.test-support';

interface Cluster {
  configMaps: FakeListerWatcher<ReplicatedObject>;
  namespaces: FakeListerWatcher<NamespaceObject>;
  writer: FakeClusterWriter;
  logs: string[];
  replicator: Replicator;
  stop: () => Promise<void>;
}

const clusters: Cluster[] = [];

function startCluster(
  initialConfigMaps: ReplicatedObject[],
  initialNamespaces: NamespaceObject[],
): Cluster {
  const configMaps = new FakeListerWatcher<ReplicatedObject>({ initialObjects: initialConfigMaps });
  const secrets = new FakeListerWatcher<ReplicatedObject>();
  const namespaces = new FakeListerWatcher<NamespaceObject>({ initialObjects: initialNamespaces });
  const writer = new FakeClusterWriter(configMaps, secrets);
  const informer = <T extends ReplicatedObject>(
    listerWatcher: FakeListerWatcher<T>,
  ): SharedIndexInformer<T> =>
    new SharedIndexInformer<T>({
      listerWatcher,
      indexers: replicatorIndexers,
      onError: () => undefined,
    });
  const informers = {
    configMaps: informer(configMaps),
    secrets: informer(secrets),
    namespaces: informer(namespaces),
  };
  const logs: string[] = [];
  const replicator = new Replicator({
    ...informers,
    writer,
    workers: 3,
    log: (line) => logs.push(line),
  });
  const controller = new AbortController();
  const runs = [
    ...Object.values(informers).map((each) => each.run(controller.signal)),
    replicator.run(controller.signal),
  ];
  const cluster: Cluster = {
    configMaps,
    namespaces,
    writer,
    logs,
    replicator,
    stop: async () => {
      controller.abort();
      await vi.advanceTimersByTimeAsync(100);
      await Promise.all(runs);
    },
  };
  clusters.push(cluster);
  return cluster;
}

/** The copies in the fake cluster: `namespace/name` -> data, sorted. */
function copies(cluster: Cluster): Record<string, Record<string, string> | undefined> {
  const entries: [string, Readonly<Record<string, string>> | undefined][] = cluster.configMaps
    .objects()
    .filter(isReplica)
    .map((copy) => [`${copy.metadata?.namespace}/${copy.metadata?.name}`, copy.data]);
  entries.sort(([left], [right]) => left.localeCompare(right));
  return Object.fromEntries(entries);
}

async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(2_000);
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(async () => {
  for (const cluster of clusters.splice(0)) await cluster.stop();
  vi.useRealTimers();
});

const teams = [namespace('source'), namespace('team-a'), namespace('team-b'), namespace('other')];

describe('Replicator', () => {
  it('should copy a source into the listed namespaces, with the label and the source annotation', async () => {
    const cluster = startCluster(
      [
        configMap(
          'source',
          'settings',
          { mode: 'fast' },
          { [replicateToAnnotation]: 'team-a, team-b' },
        ),
      ],
      teams,
    );
    await settle();
    expect(copies(cluster)).toEqual({
      'team-a/settings': { mode: 'fast' },
      'team-b/settings': { mode: 'fast' },
    });
    const copy = cluster.configMaps
      .objects()
      .find((object) => object.metadata?.namespace === 'team-a');
    expect(copy?.metadata?.labels).toEqual({ [replicaLabel]: 'true' });
    expect(copy?.metadata?.annotations).toEqual({ [sourceAnnotation]: 'source/settings' });
    expect(cluster.logs).toContain(
      'created ConfigMap team-a/settings from ConfigMap/source/settings',
    );
  });

  it('should copy into every other namespace for "*", and by label selector', async () => {
    const cluster = startCluster(
      [
        configMap('source', 'all', { a: '1' }, { [replicateToAnnotation]: '*' }),
        configMap('source', 'prod', { p: '1' }, { [replicateToSelectorAnnotation]: 'env=prod' }),
      ],
      [...teams, namespace('live', { env: 'prod' })],
    );
    await settle();
    expect(Object.keys(copies(cluster))).toEqual([
      'live/all',
      'live/prod',
      'other/all',
      'team-a/all',
      'team-b/all',
    ]);
  });

  it('should keep copies equal to the source, recreate a deleted copy and revert an edited one', async () => {
    const source = configMap(
      'source',
      'settings',
      { mode: 'fast' },
      { [replicateToAnnotation]: 'team-a' },
    );
    const cluster = startCluster([source], teams);
    await settle();
    cluster.configMaps.modify({ ...source, data: { mode: 'safe' } });
    await settle();
    expect(copies(cluster)).toEqual({ 'team-a/settings': { mode: 'safe' } });

    const copy = cluster.configMaps.objects().find(isReplica) as ReplicatedObject;
    cluster.configMaps.delete(copy);
    await settle();
    expect(copies(cluster)).toEqual({ 'team-a/settings': { mode: 'safe' } });

    const recreated = cluster.configMaps.objects().find(isReplica) as ReplicatedObject;
    cluster.configMaps.modify({ ...recreated, data: { mode: 'hacked' } });
    await settle();
    expect(copies(cluster)).toEqual({ 'team-a/settings': { mode: 'safe' } });
  });

  it('should copy into a namespace created later, and into one that gets a matching label', async () => {
    const cluster = startCluster(
      [
        configMap('source', 'all', { a: '1' }, { [replicateToAnnotation]: '*' }),
        configMap('source', 'prod', { p: '1' }, { [replicateToSelectorAnnotation]: 'env=prod' }),
      ],
      [namespace('source')],
    );
    await settle();
    expect(copies(cluster)).toEqual({});
    cluster.namespaces.add(namespace('new-team'));
    await settle();
    expect(Object.keys(copies(cluster))).toEqual(['new-team/all']);
    const newTeam = cluster.namespaces.objects().find((each) => each.metadata?.name === 'new-team');
    cluster.namespaces.modify({
      ...(newTeam as NamespaceObject),
      metadata: { ...newTeam?.metadata, labels: { env: 'prod' } },
    });
    await settle();
    expect(Object.keys(copies(cluster))).toEqual(['new-team/all', 'new-team/prod']);
  });

  it('should remove the copies when the source is deleted or its annotation removed', async () => {
    const kept = configMap(
      'source',
      'kept',
      { k: '1' },
      { [replicateToAnnotation]: 'team-a,team-b' },
    );
    const gone = configMap('source', 'gone', { g: '1' }, { [replicateToAnnotation]: 'team-a' });
    const cluster = startCluster([kept, gone], teams);
    await settle();
    expect(Object.keys(copies(cluster))).toHaveLength(3);
    cluster.configMaps.delete(gone);
    cluster.configMaps.modify({ ...kept, metadata: { ...kept.metadata, annotations: {} } });
    await settle();
    expect(copies(cluster)).toEqual({});
    expect(cluster.logs).toContain('deleted ConfigMap team-a/gone (copy of ConfigMap/source/gone)');
    // One line per real change: a delete planned again from a stale cache is not printed twice.
    expect(cluster.logs.filter((line) => line.startsWith('deleted '))).toHaveLength(3);
  });

  it('should never touch an object it did not create, say so once, and copy once the name is free', async () => {
    const theirs = configMap('team-a', 'settings', { owner: 'team-a' });
    const cluster = startCluster(
      [
        configMap('source', 'settings', { mode: 'fast' }, { [replicateToAnnotation]: 'team-a' }),
        theirs,
      ],
      teams,
    );
    await settle();
    cluster.configMaps.modify(
      configMap('source', 'settings', { mode: 'safe' }, { [replicateToAnnotation]: 'team-a' }),
    );
    await settle();
    expect(
      cluster.configMaps.objects().find((object) => object.metadata?.namespace === 'team-a')?.data,
    ).toEqual({
      owner: 'team-a',
    });
    expect(cluster.logs.filter((line) => line.startsWith('skipped'))).toEqual([
      'skipped ConfigMap team-a/settings: the name is taken (not made by the replicator); not touching it',
    ]);
    cluster.configMaps.delete(theirs);
    await settle();
    expect(copies(cluster)).toEqual({ 'team-a/settings': { mode: 'safe' } });
  });

  it('should re-queue a source with backoff on a 409 and converge', async () => {
    const cluster = startCluster([], teams);
    await settle();
    cluster.writer.failNextWithConflict(3);
    cluster.configMaps.add(
      configMap('source', 'settings', { mode: 'fast' }, { [replicateToAnnotation]: 'team-a' }),
    );
    await settle();
    expect(cluster.logs.filter((line) => line.startsWith('retrying'))).toHaveLength(3);
    expect(copies(cluster)).toEqual({ 'team-a/settings': { mode: 'fast' } });
    expect(cluster.replicator.queue.numRequeues('ConfigMap/source/settings')).toBe(0);
  });
});

describe('Replicator.run stopping', () => {
  async function stopWhileBusy(drain: boolean): Promise<string[]> {
    const sources = ['one', 'two', 'three'].map((name) =>
      configMap('source', name, { n: name }, { [replicateToAnnotation]: 'team-a' }),
    );
    const configMaps = new FakeListerWatcher<ReplicatedObject>({ initialObjects: sources });
    const secrets = new FakeListerWatcher<ReplicatedObject>();
    const namespaces = new FakeListerWatcher<NamespaceObject>({ initialObjects: teams });
    const fakeWriter = new FakeClusterWriter(configMaps, secrets);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    // The first write blocks until released, so the other keys are still waiting at the stop.
    const writer = {
      create: async (object: ReplicatedObject): Promise<void> => {
        started += 1;
        await gate;
        await fakeWriter.create(object);
      },
      replace: (object: ReplicatedObject) => fakeWriter.replace(object),
      delete: fakeWriter.delete.bind(fakeWriter),
    };
    const informers = {
      configMaps: new SharedIndexInformer<ReplicatedObject>({
        listerWatcher: configMaps,
        indexers: replicatorIndexers,
      }),
      secrets: new SharedIndexInformer<ReplicatedObject>({
        listerWatcher: secrets,
        indexers: replicatorIndexers,
      }),
      namespaces: new SharedIndexInformer<NamespaceObject>({ listerWatcher: namespaces }),
    };
    const replicator = new Replicator({ ...informers, writer, workers: 1, log: () => undefined });
    const informersRunning = new AbortController();
    const stop = new AbortController();
    const runs = Object.values(informers).map((each) => each.run(informersRunning.signal));
    const running = replicator.run(stop.signal, { drain: () => drain });
    while (started === 0) await vi.advanceTimersByTimeAsync(100);
    stop.abort();
    release();
    await vi.advanceTimersByTimeAsync(1_000);
    await running;
    informersRunning.abort();
    await vi.advanceTimersByTimeAsync(100);
    await Promise.all(runs);
    return fakeWriter.writes;
  }

  it('should finish every waiting key when draining', async () => {
    expect(await stopWhileBusy(true)).toHaveLength(3);
  });

  it('should finish only the key being worked on when told not to drain', async () => {
    expect(await stopWhileBusy(false)).toHaveLength(1);
  });
});
