import { ListWatch, type Watch } from '@kubernetes/client-node';
import type { BenchPod, Workload } from './bench-pod';
import type { BenchSubject } from './bench-subject';

type WatchCallback = (phase: string, apiObject: unknown, watchObject?: unknown) => unknown;

/**
 * The cache inside @kubernetes/client-node's ListWatch, fed through its own watch-event handler.
 * A fake Watch captures the handler that ListWatch registers when it starts; a fake list
 * function returns an empty list, so no server is involved.
 */
export async function createClientNodeSubject(): Promise<BenchSubject> {
  let handler: WatchCallback | undefined;
  const fakeWatch = {
    watch(
      _path: string,
      _queryParams: Record<string, unknown>,
      callback: WatchCallback,
      _done: (error: unknown) => void,
    ): Promise<AbortController> {
      handler = callback;
      return Promise.resolve(new AbortController());
    },
  };
  const listWatch = new ListWatch<BenchPod>(
    '/api/v1/pods',
    fakeWatch as unknown as Watch,
    () =>
      Promise.resolve({
        apiVersion: 'v1',
        kind: 'PodList',
        metadata: { resourceVersion: '1' },
        items: [],
      }),
    false,
  );
  await listWatch.start();
  const watchHandler = handler;
  if (watchHandler === undefined) throw new Error('ListWatch did not start a watch');

  return {
    label: 'client-node',
    // ListWatch keeps objects by namespace, then name: list(namespace) is its only index.
    hasNodeIndex: false,
    addAll(pods) {
      for (const pod of pods) watchHandler('ADDED', pod);
    },
    updateAll(pods) {
      for (const pod of pods) watchHandler('MODIFIED', pod);
    },
    getAll(workload: Workload) {
      let found = 0;
      const { names, podNamespaces } = workload;
      for (let index = 0; index < names.length; index++) {
        if (listWatch.get(names[index] ?? '', podNamespaces[index]) !== undefined) found++;
      }
      return found;
    },
    byNamespace(namespaces, calls) {
      let total = 0;
      for (let call = 0; call < calls; call++) {
        total += listWatch.list(namespaces[call % namespaces.length] ?? '').length;
      }
      return total;
    },
    byNode(nodes, calls) {
      // No node index: what a client-node user has to do instead.
      let total = 0;
      for (let call = 0; call < calls; call++) {
        const node = nodes[call % nodes.length] ?? '';
        total += listWatch.list().filter((pod) => pod.spec.nodeName === node).length;
      }
      return total;
    },
    listTimes(times) {
      let total = 0;
      for (let time = 0; time < times; time++) total += listWatch.list().length;
      return total;
    },
    deleteAll(pods) {
      for (const pod of pods) watchHandler('DELETED', pod);
    },
    size: () => listWatch.list().length,
  };
}
