import { type BenchPod, podNodeIndexFunc, type Workload } from './bench-pod';
import type { BenchSubject } from './bench-subject';
import { FloorIndexer } from './floor-indexer';

function floorKey(pod: BenchPod): string {
  const { namespace, name } = pod.metadata;
  return namespace === '' ? name : `${namespace}/${name}`;
}

/** The hand-written floor, keyed and indexed exactly like the kube-cache subject. */
export function createFloorSubject(): Promise<BenchSubject> {
  const store = new FloorIndexer<BenchPod>(floorKey, {
    namespace: (pod) => [pod.metadata.namespace],
    node: podNodeIndexFunc,
  });
  return Promise.resolve({
    label: 'floor',
    hasNodeIndex: true,
    addAll(pods) {
      for (const pod of pods) store.add(pod);
    },
    updateAll(pods) {
      for (const pod of pods) store.update(pod);
    },
    getAll(workload: Workload) {
      let found = 0;
      for (const key of workload.keys) if (store.getByKey(key) !== undefined) found++;
      return found;
    },
    byNamespace(namespaces, calls) {
      let total = 0;
      for (let call = 0; call < calls; call++) {
        total += store.byIndex('namespace', namespaces[call % namespaces.length] ?? '').length;
      }
      return total;
    },
    byNode(nodes, calls) {
      let total = 0;
      for (let call = 0; call < calls; call++) {
        total += store.byIndex('node', nodes[call % nodes.length] ?? '').length;
      }
      return total;
    },
    listTimes(times) {
      let total = 0;
      for (let time = 0; time < times; time++) total += store.list().length;
      return total;
    },
    deleteAll(pods) {
      for (const pod of pods) store.delete(pod);
    },
    size: () => store.size,
  });
}
