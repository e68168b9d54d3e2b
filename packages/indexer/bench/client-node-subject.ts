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
    add(pods, from, to) {
      for (let index = from; index < to; index++) void watchHandler('ADDED', pods[index]);
    },
    update(pods, from, to) {
      for (let index = from; index < to; index++) void watchHandler('MODIFIED', pods[index]);
    },
    get({ names, podNamespaces }: Workload, from, to) {
      let found = 0;
      for (let index = from; index < to; index++) {
        if (listWatch.get(names[index] as string, podNamespaces[index]) !== undefined) found++;
      }
      return found;
    },
    byNamespace(namespaces, from, to) {
      let total = 0;
      for (let call = from; call < to; call++) {
        total += listWatch.list(namespaces[call % namespaces.length]).length;
      }
      return total;
    },
    byNode(nodes, from, to) {
      // No node index: what a client-node user has to do instead.
      let total = 0;
      for (let call = from; call < to; call++) {
        const node = nodes[call % nodes.length];
        total += listWatch.list().filter((pod) => pod.spec.nodeName === node).length;
      }
      return total;
    },
    churn(pods, from, to) {
      let total = 0;
      for (let call = from; call < to; call++) {
        const pod = pods[call] as BenchPod;
        void watchHandler('MODIFIED', pod);
        total += listWatch.list(pod.metadata.namespace).length;
      }
      return total;
    },
    list(from, to) {
      let total = 0;
      for (let call = from; call < to; call++) total += listWatch.list().length;
      return total;
    },
    delete(pods, from, to) {
      for (let index = from; index < to; index++) void watchHandler('DELETED', pods[index]);
    },
    size: () => listWatch.list().length,
  };
}
