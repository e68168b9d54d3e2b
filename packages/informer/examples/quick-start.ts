// A runnable tour of @kube-cache/informer on the embedded FakeApiServer (no cluster needed):
//   pnpm --filter @kube-cache/informer example
import type { V1Pod } from '@kubernetes/client-node';
import { DeletedFinalStateUnknown } from '@kube-cache/indexer';
import { FakeApiServer } from '@kube-cache/testing';
import { InformerFactory, resources } from '../src/index';

interface Pod {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
  };
  spec: { nodeName?: string };
}

const server = await FakeApiServer.start();
const pod = (name: string, app: string, nodeName: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { app } },
  spec: { nodeName },
});
await server.seed([
  pod('web-1', 'web', 'node-a'),
  pod('web-2', 'web', 'node-b'),
  pod('db-1', 'db', 'node-a'),
]);

const factory = new InformerFactory({ kubeConfig: server.kubeConfig() });
// resources.pods carries client-node's V1Pod, so the informer, its handlers and the lister are
// typed by it (a V1Pod informer over another resource does not compile).
factory.indexField(resources.pods, 'spec.nodeName', (object) => object.spec?.nodeName);
const informer = factory.informerFor(resources.pods);
informer.addEventHandler({
  onAdd: (object, isInInitialList) =>
    console.log(`add ${object.metadata?.name}${isInInitialList ? ' (initial list)' : ''}`),
  onUpdate: (oldObject, newObject) =>
    console.log(
      `update ${newObject.metadata?.name}: node ${oldObject.spec?.nodeName} -> ${newObject.spec?.nodeName}`,
    ),
  onDelete: (object) =>
    console.log(
      `delete ${DeletedFinalStateUnknown.isInstance<V1Pod>(object) ? object.key : object.metadata?.name}`,
    ),
});

const controller = new AbortController();
factory.start(controller.signal);
console.log('synced:', Object.fromEntries(await factory.waitForCacheSync(controller.signal)));

const lister = factory.lister(resources.pods);
const names = (list: V1Pod[]): string =>
  list
    .map((object) => object.metadata?.name)
    .sort()
    .join(', ');
console.log('app=web:', names(lister.namespaced('default').list('app=web')));
console.log('on node-a:', names(lister.listByField('spec.nodeName', 'node-a')));

server.update({ ...pod('web-2', 'web', 'node-a') });
server.delete('v1', 'Pod', 'default', 'db-1');
await new Promise((resolve) => setTimeout(resolve, 500));
console.log('on node-a:', names(lister.listByField('spec.nodeName', 'node-a')));

controller.abort();
await factory.stopped();
await server.close();
