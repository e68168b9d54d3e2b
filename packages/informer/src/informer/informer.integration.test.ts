import { DeletedFinalStateUnknown } from '@kube-cache/indexer';
import type { KubeObject } from '@kube-cache/indexer';
import { FakeApiServer, generatePods } from '@kube-cache/testing';
import type { GeneratedPod } from '@kube-cache/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InformerFactory } from '../factory/informer-factory';
import type { ResourceEventHandler } from '../handlers/resource-event-handler';

type Pod = GeneratedPod & KubeObject;

const pods = { apiVersion: 'v1', plural: 'pods', kind: 'Pod' };

/** A handler keeping its own view of the world, built only from its callbacks. */
function viewHandler(): ResourceEventHandler<Pod> & { view: Map<string, string> } {
  const view = new Map<string, string>();
  const keyOf = (object: Pod): string =>
    `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
  return {
    view,
    onAdd: (object) => {
      view.set(keyOf(object), object.metadata.resourceVersion ?? '');
    },
    onUpdate: (_old, object) => {
      view.set(keyOf(object), object.metadata.resourceVersion ?? '');
    },
    onDelete: (object) => {
      view.delete(DeletedFinalStateUnknown.isInstance<Pod>(object) ? object.key : keyOf(object));
    },
  };
}

function serverView(server: FakeApiServer, labelApp?: string): Map<string, string> {
  const view = new Map<string, string>();
  for (const object of server.list('v1', 'Pod')) {
    if (labelApp !== undefined && object.metadata?.labels?.app !== labelApp) continue;
    view.set(
      `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`,
      object.metadata?.resourceVersion ?? '',
    );
  }
  return view;
}

async function eventually(condition: () => boolean, what: string): Promise<void> {
  // Generous: this is a shared, noisy machine; nothing here asserts on how long it took.
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sorted = (view: Map<string, string>): [string, string][] => [...view.entries()].sort();

let server: FakeApiServer;
let controller: AbortController;
let factory: InformerFactory | undefined;

beforeEach(async () => {
  server = await FakeApiServer.start();
  controller = new AbortController();
});

afterEach(async () => {
  controller.abort();
  await factory?.stopped();
  factory = undefined;
  await server.close();
});

describe('informers on FakeApiServer', () => {
  it('should keep two handlers and a custom index in step through churn, a relist with a missed delete and a restart', async () => {
    await server.seed(generatePods({ count: 300, namespaces: 3, nodes: 5 }));
    const errors: unknown[] = [];
    factory = new InformerFactory({
      kubeConfig: server.kubeConfig(),
      onError: (error) => errors.push(error),
    });
    const informer = factory.informerFor<Pod>(pods, {
      indexers: { node: (pod) => (pod.spec.nodeName === undefined ? [] : [pod.spec.nodeName]) },
    });
    const first = viewHandler();
    const second = viewHandler();
    const firstRegistration = informer.addEventHandler(first);
    informer.addEventHandler(second);
    factory.start(controller.signal);
    expect(await factory.waitForCacheSync(controller.signal)).toEqual(new Map([['v1/pods', true]]));
    expect(firstRegistration.hasSynced()).toBe(true);
    expect(informer.getStore().list()).toHaveLength(300);

    const existing = server.list('v1', 'Pod') as Pod[];
    for (const pod of existing.slice(0, 20)) {
      server.update({
        ...pod,
        metadata: { ...pod.metadata, resourceVersion: undefined },
        spec: { ...pod.spec, nodeName: 'node-moved' },
      });
    }
    for (const pod of existing.slice(20, 40))
      server.delete('v1', 'Pod', pod.metadata.namespace, pod.metadata.name);
    const extra = generatePods({ count: 20, namespaces: 3, nodes: 5, seed: 7 }).map((pod) => ({
      ...pod,
      metadata: { ...pod.metadata, name: `extra-${pod.metadata.name}` },
    }));
    for (const pod of extra) server.create(pod);
    await eventually(
      () => informer.getIndexer().byIndex('node', 'node-moved').length === 20,
      'moved pods',
    );

    // A delete the watch never sees: watches closed, history compacted, so the informer relists.
    server.closeWatches();
    const missed = existing[50] as Pod;
    server.delete('v1', 'Pod', missed.metadata.namespace, missed.metadata.name);
    server.compact();
    await server.restart();
    server.create({
      ...(extra[0] as Pod),
      metadata: { ...(extra[0] as Pod).metadata, name: 'after-restart' },
    });

    const expected = (): [string, string][] => sorted(serverView(server));
    await eventually(
      () => JSON.stringify(sorted(first.view)) === JSON.stringify(expected()),
      'handler views',
    );
    await eventually(
      () => JSON.stringify(sorted(second.view)) === JSON.stringify(expected()),
      'second view',
    );
    expect(sorted(first.view)).toEqual(expected());
    expect(sorted(second.view)).toEqual(expected());
    const cached = new Map(
      informer
        .getStore()
        .list()
        .map((pod) => [
          `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`,
          pod.metadata.resourceVersion ?? '',
        ]),
    );
    expect(sorted(cached)).toEqual(expected());
    expect(informer.getIndexer().byIndex('node', 'node-moved')).toHaveLength(20);
    expect(errors).toEqual([]);
    // Real HTTP, a server restart and 30 s convergence waits: vitest's 5 s default is too tight
    // on a loaded machine (seen at 4-5 s).
  }, 60_000);

  it('should share informers, apply label selectors to list and watch, and serve listers', async () => {
    await server.seed(generatePods({ count: 60, namespaces: 2, nodes: 3 }));
    factory = new InformerFactory({ kubeConfig: server.kubeConfig(), onError: () => undefined });
    const app = (server.list('v1', 'Pod')[0] as Pod).metadata.labels.app ?? 'app-0';
    const selected = factory.informerFor<Pod>(pods, { labelSelector: `app=${app}` });
    expect(factory.informerFor<Pod>(pods, { labelSelector: `app=${app}` })).toBe(selected);
    const all = factory.informerFor<Pod>(pods);
    factory.indexField<Pod>(pods, 'spec.nodeName', (pod) => pod.spec.nodeName);
    const view = viewHandler();
    selected.addEventHandler(view);
    factory.start(controller.signal);
    await factory.waitForCacheSync(controller.signal);
    expect(all.getStore().list()).toHaveLength(60);
    expect(sorted(view.view)).toEqual(sorted(serverView(server, app)));

    const lister = factory.lister<Pod>(pods);
    const namespace = 'namespace-1';
    expect(
      lister
        .namespaced(namespace)
        .list(`app=${app}`)
        .map((pod) => pod.metadata.name)
        .sort(),
    ).toEqual(
      server
        .list('v1', 'Pod', namespace)
        .filter((pod) => pod.metadata?.labels?.app === app)
        .map((pod) => pod.metadata?.name)
        .sort(),
    );
    const onNode0 = lister.listByField('spec.nodeName', 'node-0');
    expect(onNode0.length).toBe(
      server.list('v1', 'Pod').filter((pod) => (pod as Pod).spec.nodeName === 'node-0').length,
    );

    const created = server.create<Pod>({
      ...(server.list('v1', 'Pod')[0] as Pod),
      metadata: { name: 'new-one', namespace, labels: { app }, annotations: {} },
    });
    await eventually(() => view.view.has(`${namespace}/new-one`), 'the new pod');
    expect(lister.namespaced(namespace).get('new-one')?.metadata.resourceVersion).toBe(
      created.metadata?.resourceVersion,
    );
  });
});
