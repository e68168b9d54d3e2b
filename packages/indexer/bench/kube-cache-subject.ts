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
    addAll(pods) {
      for (const pod of pods) cache.add(pod);
    },
    updateAll(pods) {
      for (const pod of pods) cache.update(pod);
    },
    getAll(workload: Workload) {
      let found = 0;
      for (const key of workload.keys) if (cache.getByKey(key) !== undefined) found++;
      return found;
    },
    byNamespace(namespaces, calls) {
      let total = 0;
      for (let call = 0; call < calls; call++) {
        total += cache.byIndex(NAMESPACE_INDEX, namespaces[call % namespaces.length] ?? '').length;
      }
      return total;
    },
    byNode(nodes, calls) {
      let total = 0;
      for (let call = 0; call < calls; call++) {
        total += cache.byIndex('node', nodes[call % nodes.length] ?? '').length;
      }
      return total;
    },
    listTimes(times) {
      let total = 0;
      for (let time = 0; time < times; time++) total += cache.list().length;
      return total;
    },
    deleteAll(pods) {
      for (const pod of pods) cache.delete(pod);
    },
    size: () => cache.listKeys().length,
  });
}
