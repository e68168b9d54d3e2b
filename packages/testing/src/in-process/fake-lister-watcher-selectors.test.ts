import { describe, expect, it } from 'vitest';
import { ApiStatusError } from '@kube-cache/indexer';
import type { KubeObject, WatchEvent } from '@kube-cache/indexer';
import { FakeListerWatcher } from './fake-lister-watcher';
import { fieldText } from '../cluster/object-revision';

interface Pod extends KubeObject {
  metadata: {
    name: string;
    namespace: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
  };
  spec?: { nodeName?: string; replicas?: number };
}

const pod = (name: string, labels: Record<string, string> = {}, namespace = 'default'): Pod => ({
  metadata: { name, namespace, labels },
});

const signal = new AbortController().signal;

async function drain(
  source: FakeListerWatcher<Pod>,
  stream: AsyncIterable<WatchEvent<Pod>>,
): Promise<string[]> {
  source.dropWatches();
  const events: string[] = [];
  for await (const event of stream) {
    events.push(
      event.type === 'ERROR' ? 'ERROR' : `${event.type} ${event.object.metadata?.name ?? ''}`,
    );
  }
  return events;
}

describe('FakeListerWatcher selectors', () => {
  const seeded = () =>
    new FakeListerWatcher<Pod>({
      initialObjects: [
        pod('a', { app: 'web' }),
        pod('b', { app: 'db' }),
        pod('c', { app: 'web' }, 'other'),
        pod('d'),
      ],
    });

  it('should filter lists by label and field selectors', async () => {
    const source = seeded();
    const names = async (labelSelector?: string, fieldSelector?: string) =>
      (await source.list({ labelSelector, fieldSelector }, signal)).items.map(
        (item) => item.metadata.name,
      );
    expect(await names('app=web')).toEqual(['a', 'c']);
    expect(await names('app!=web')).toEqual(['b', 'd']);
    expect(await names('app in (db,web),app notin (db)')).toEqual(['a', 'c']);
    expect(await names('!app')).toEqual(['d']);
    expect(await names(undefined, 'metadata.namespace=other')).toEqual(['c']);
    expect(await names('app=web', 'metadata.name!=c')).toEqual(['a']);
  });

  it('should page a filtered list without remainingItemCount, as the server does', async () => {
    const source = seeded();
    const first = await source.list({ labelSelector: 'app=web', limit: 1 }, signal);
    expect(first.items.map((item) => item.metadata.name)).toEqual(['a']);
    expect(first.remainingItemCount).toBeUndefined();
    const second = await source.list(
      { labelSelector: 'app=web', limit: 1, continue: first.continue },
      signal,
    );
    expect(second.items.map((item) => item.metadata.name)).toEqual(['c']);
    expect(second.continue).toBeUndefined();
  });

  it('should answer 400 BadRequest for a selector that does not parse', async () => {
    const source = seeded();
    for (const options of [{ labelSelector: 'app in (web' }, { fieldSelector: 'metadata.name' }]) {
      const error: unknown = await source.list(options, signal).catch((reason: unknown) => reason);
      expect(ApiStatusError.isInstance(error) && [error.code, error.reason]).toEqual([
        400,
        'BadRequest',
      ]);
      const watchError: unknown = await source
        .watch(options, signal)
        .catch((reason: unknown) => reason);
      expect(ApiStatusError.isInstance(watchError) && watchError.code).toBe(400);
    }
  });

  it("should allow only the resource's selectable fields, answering 400 BadRequest otherwise, as the server does", async () => {
    const rejected = async (source: FakeListerWatcher<Pod>, fieldSelector: string) => {
      const error: unknown = await source
        .list({ fieldSelector }, signal)
        .catch((reason: unknown) => reason);
      const watchError: unknown = await source
        .watch({ fieldSelector }, signal)
        .catch((reason: unknown) => reason);
      return [error, watchError].map(
        (caught) => ApiStatusError.isInstance(caught) && [caught.code, caught.reason],
      );
    };
    // Objects without a served kind: only metadata.name and metadata.namespace.
    const plain = seeded();
    expect(await rejected(plain, 'spec.nodeName=n1')).toEqual([
      [400, 'BadRequest'],
      [400, 'BadRequest'],
    ]);
    // v1 Pods: the pod's selectable fields as well.
    const pods = new FakeListerWatcher<Pod>({
      initialObjects: [
        { ...pod('a'), apiVersion: 'v1', kind: 'Pod', spec: { nodeName: 'n1' } },
        { ...pod('b'), apiVersion: 'v1', kind: 'Pod', spec: { nodeName: 'n2' } },
      ],
    });
    const onNode = await pods.list({ fieldSelector: 'spec.nodeName=n1' }, signal);
    expect(onNode.items.map((item) => item.metadata.name)).toEqual(['a']);
    expect(await rejected(pods, 'spec.replicas=1')).toEqual([
      [400, 'BadRequest'],
      [400, 'BadRequest'],
    ]);
    // A resource given in the options decides, whatever the objects say.
    const custom = new FakeListerWatcher<Pod>({
      resource: {
        group: 'example.com',
        version: 'v1',
        kind: 'Widget',
        plural: 'widgets',
        namespaced: true,
        selectableFields: { 'spec.replicas': 'spec.replicas' },
      },
      initialObjects: [{ ...pod('a'), spec: { replicas: 3 } }, pod('b')],
    });
    const three = await custom.list({ fieldSelector: 'spec.replicas=3' }, signal);
    expect(three.items.map((item) => item.metadata.name)).toEqual(['a']);
    expect(await rejected(custom, 'spec.nodeName=n1')).toEqual([
      [400, 'BadRequest'],
      [400, 'BadRequest'],
    ]);
  });

  it('should turn label changes across the selection into ADDED and DELETED on a watch', async () => {
    const source = seeded();
    const stream = await source.watch(
      { resourceVersion: source.resourceVersion, labelSelector: 'app=web' },
      signal,
    );
    source.modify(pod('b', { app: 'web' }));
    source.modify(pod('a', { app: 'web', tier: 'front' }));
    source.modify(pod('a', { app: 'db' }));
    source.modify(pod('d', { other: 'x' }));
    source.delete(pod('b'));
    source.delete(pod('d'));
    expect(await drain(source, stream)).toEqual([
      'ADDED b',
      'MODIFIED a',
      'DELETED a',
      'DELETED b',
    ]);
  });

  it('should send an object leaving the selection as DELETED in its last matching state at the new resourceVersion', async () => {
    const source = seeded();
    const from = source.resourceVersion;
    const live = await source.watch({ resourceVersion: from, labelSelector: 'app=web' }, signal);
    const left = source.modify(pod('a', { app: 'db' }));
    const replay = await source.watch({ resourceVersion: from, labelSelector: 'app=web' }, signal);
    source.dropWatches();
    for (const stream of [live, replay]) {
      const events: WatchEvent<Pod>[] = [];
      for await (const event of stream) events.push(event);
      expect(events).toEqual([
        {
          type: 'DELETED',
          object: {
            metadata: {
              name: 'a',
              namespace: 'default',
              labels: { app: 'web' },
              resourceVersion: left.metadata.resourceVersion,
            },
          },
        },
      ]);
    }
  });

  it('should apply selectors to replayed history and initial events', async () => {
    const source = seeded();
    const list = await source.list({ fieldSelector: 'metadata.namespace=default' }, signal);
    source.add(pod('e', {}, 'other'));
    source.add(pod('f'));
    const replay = await source.watch(
      { resourceVersion: list.resourceVersion, fieldSelector: 'metadata.namespace=default' },
      signal,
    );
    expect(await drain(source, replay)).toEqual(['ADDED f']);
    const initial = await source.watch({ labelSelector: 'app=web' }, signal);
    expect(await drain(source, initial)).toEqual(['ADDED a', 'ADDED c']);
  });

  it('should read any dotted field path as text', () => {
    const object = {
      metadata: { name: 'a' },
      spec: { nodeName: 'n1', replicas: 3, paused: false, list: [1] },
    };
    expect(fieldText(object, 'spec.nodeName')).toBe('n1');
    expect(fieldText(object, 'spec.replicas')).toBe('3');
    expect(fieldText(object, 'spec.paused')).toBe('false');
    expect(fieldText(object, 'spec.list')).toBe('');
    expect(fieldText(object, 'spec.missing.deeper')).toBe('');
  });
});
