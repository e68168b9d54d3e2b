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
    add(pods, from, to) {
      for (let index = from; index < to; index++) store.add(pods[index] as BenchPod);
    },
    update(pods, from, to) {
      for (let index = from; index < to; index++) store.update(pods[index] as BenchPod);
    },
    get({ keys }: Workload, from, to) {
      let found = 0;
      for (let index = from; index < to; index++) {
        if (store.getByKey(keys[index] as string) !== undefined) found++;
      }
      return found;
    },
    byNamespace(namespaces, from, to) {
      let total = 0;
      for (let call = from; call < to; call++) {
        total += store.byIndex('namespace', namespaces[call % namespaces.length] as string).length;
      }
      return total;
    },
    byNode(nodes, from, to) {
      let total = 0;
      for (let call = from; call < to; call++) {
        total += store.byIndex('node', nodes[call % nodes.length] as string).length;
      }
      return total;
    },
    churn(pods, from, to) {
      let total = 0;
      for (let call = from; call < to; call++) {
        const pod = pods[call] as BenchPod;
        store.update(pod);
        total += store.byIndex('namespace', pod.metadata.namespace).length;
      }
      return total;
    },
    list(from, to) {
      let total = 0;
      for (let call = from; call < to; call++) total += store.list().length;
      return total;
    },
    delete(pods, from, to) {
      for (let index = from; index < to; index++) store.delete(pods[index] as BenchPod);
    },
    size: () => store.size,
  });
}
