import { Cache, metaNamespaceIndexFunc, metaNamespaceKeyFunc, NAMESPACE_INDEX } from '../src/index';
import { type BenchPod, podNodeIndexFunc, type Workload } from './bench-pod';
import type { BenchSubject } from './bench-subject';

/** kube-cache's Cache, set up as a user would: the stock key func and namespace index func. */
export function createKubeCacheSubject(): Promise<BenchSubject> {
  const cache = new Cache<BenchPod>(metaNamespaceKeyFunc, {
    [NAMESPACE_INDEX]: metaNamespaceIndexFunc,
    node: podNodeIndexFunc,
  });
  return Promise.resolve({
    label: 'kube-cache',
    hasNodeIndex: true,
    add(pods, from, to) {
      for (let index = from; index < to; index++) cache.add(pods[index] as BenchPod);
    },
    update(pods, from, to) {
      for (let index = from; index < to; index++) cache.update(pods[index] as BenchPod);
    },
    get({ keys }: Workload, from, to) {
      let found = 0;
      for (let index = from; index < to; index++) {
        if (cache.getByKey(keys[index] as string) !== undefined) found++;
      }
      return found;
    },
    byNamespace(namespaces, from, to) {
      let total = 0;
      for (let call = from; call < to; call++) {
        total += cache.byIndex(
          NAMESPACE_INDEX,
          namespaces[call % namespaces.length] as string,
        ).length;
      }
      return total;
    },
    byNode(nodes, from, to) {
      let total = 0;
      for (let call = from; call < to; call++) {
        total += cache.byIndex('node', nodes[call % nodes.length] as string).length;
      }
      return total;
    },
    churn(pods, from, to) {
      let total = 0;
      for (let call = from; call < to; call++) {
        const pod = pods[call] as BenchPod;
        cache.update(pod);
        total += cache.byIndex(NAMESPACE_INDEX, pod.metadata.namespace).length;
      }
      return total;
    },
    list(from, to) {
      let total = 0;
      for (let call = from; call < to; call++) total += cache.list().length;
      return total;
    },
    delete(pods, from, to) {
      for (let index = from; index < to; index++) cache.delete(pods[index] as BenchPod);
    },
    size: () => cache.listKeys().length,
  });
}
