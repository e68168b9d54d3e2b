// Run by client-node-2.node24.test.ts under Node 24 (`pnpm test:node24`) with tsx: proves
// that createListWatch and the Reflector work with @kubernetes/client-node 2.x. Protocol on
// stdout, one JSON object a line: {"ready":...} once watching, then {"done":...} with the store.
// Reads the kubeconfig path from argv[2] and the number of objects to wait for from argv[3].
import { KubeConfig } from '@kubernetes/client-node-2';
import type { KubeObject } from '@kube-cache/indexer';
import { createRequire } from 'node:module';
import { createListWatch, Reflector } from '../index';

const [kubeconfigPath, expectedCount] = process.argv.slice(2);
const kubeConfig = new KubeConfig();
kubeConfig.loadFromFile(kubeconfigPath ?? '');
const objects = new Map<string, KubeObject>();
const key = (object: KubeObject): string =>
  `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
const listerWatcher = createListWatch(kubeConfig, { apiVersion: 'v1', plural: 'configmaps' });
const reflector = new Reflector<KubeObject>({
  listerWatcher,
  store: {
    add: (object) => objects.set(key(object), object),
    update: (object) => objects.set(key(object), object),
    delete: (object) => objects.delete(key('object' in object ? object.object : object)),
    replace: (items) => {
      objects.clear();
      for (const item of items) objects.set(key(item), item);
    },
    resync: () => undefined,
  },
  expectedType: { apiVersion: 'v1', kind: 'ConfigMap' },
  onWatchError: (error) => process.stderr.write(`reflector error: ${String(error)}\n`),
});
const controller = new AbortController();
const clientNodeVersion = (
  createRequire(import.meta.url)('@kubernetes/client-node-2/package.json') as { version: string }
).version;
reflector.events.subscribe((event) => {
  if (event.type === 'watch-started') {
    process.stdout.write(
      `${JSON.stringify({ ready: { node: process.version, clientNode: clientNodeVersion } })}\n`,
    );
  }
});
const check = setInterval(() => {
  if (objects.size < Number(expectedCount)) return;
  clearInterval(check);
  const versions = Object.fromEntries(
    [...objects].map(([name, object]) => [name, object.metadata?.resourceVersion]),
  );
  const shapes = [...objects.values()].map(
    (object) => `${String(object.apiVersion)}/${String(object.kind)}`,
  );
  const protocol = listerWatcher.protocol;
  process.stdout.write(`${JSON.stringify({ done: { versions, shapes, protocol } })}\n`);
  controller.abort();
}, 20);
await reflector.run(controller.signal);
// The process ends by itself: an idle HTTP/2 session and its timers do not keep it alive.
