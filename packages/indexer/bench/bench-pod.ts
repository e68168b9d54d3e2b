/** A pod-like object: the fields a real Pod has that a cache reads, plus a little payload. */
export interface BenchPod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    resourceVersion: string;
    labels: Record<string, string>;
  };
  spec: {
    nodeName: string;
    containers: { name: string; image: string }[];
  };
  status: { phase: string };
}

/** The reference workload of issue 2, section 5, generated once and shared by every subject. */
export interface Workload {
  /** The objects added first, in order. */
  readonly pods: readonly BenchPod[];
  /** The same objects, each moved to another node, with a newer resourceVersion. */
  readonly updatedPods: readonly BenchPod[];
  /** `namespace/name` of each pod, in the same order. */
  readonly keys: readonly string[];
  /** Each pod's name and namespace, in the same order (client-node looks up by both). */
  readonly names: readonly string[];
  readonly podNamespaces: readonly string[];
  readonly namespaces: readonly string[];
  readonly nodes: readonly string[];
  /** For the churn phase: one object per call, cycling over the namespaces, old and new versions alternating. */
  readonly churnPods: readonly BenchPod[];
}

/** The workload's shape; the defaults are the issue's. */
export interface WorkloadOptions {
  objects: number;
  namespaces: number;
  nodes: number;
}

/** Calls in the churn phase (an update, then a byIndex on the updated object's namespace). */
export const CHURN_CALLS = 1_000;

/** Builds pod number `index`. */
export function makePod(
  index: number,
  namespace: string,
  nodeName: string,
  resourceVersion: number,
): BenchPod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `pod-${index}`,
      namespace,
      uid: `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
      resourceVersion: String(resourceVersion),
      labels: { app: `app-${index % 50}` },
    },
    spec: {
      nodeName,
      containers: [{ name: 'main', image: 'registry.example/app:1.0' }],
    },
    status: { phase: 'Running' },
  };
}

/**
 * Builds the workload: `objects` pods spread evenly over `namespaces` (contiguous blocks) and
 * `nodes` (round robin, so namespace and node are not correlated). The update moves pod i from
 * node i to node i+1, which keeps every node at the same count.
 */
export function makeWorkload(options: WorkloadOptions): Workload {
  const namespaces = Array.from({ length: options.namespaces }, (_, index) => `namespace-${index}`);
  const nodes = Array.from({ length: options.nodes }, (_, index) => `node-${index}`);
  const perNamespace = Math.ceil(options.objects / options.namespaces);
  const pods: BenchPod[] = [];
  const updatedPods: BenchPod[] = [];
  const keys: string[] = [];
  const names: string[] = [];
  const podNamespaces: string[] = [];
  for (let index = 0; index < options.objects; index++) {
    const namespace = namespaces[Math.floor(index / perNamespace)] ?? 'namespace-overflow';
    const node = nodes[index % options.nodes] ?? 'node-overflow';
    const nextNode = nodes[(index + 1) % options.nodes] ?? 'node-overflow';
    pods.push(makePod(index, namespace, node, index + 1));
    updatedPods.push(makePod(index, namespace, nextNode, options.objects + index + 1));
    keys.push(`${namespace}/pod-${index}`);
    names.push(`pod-${index}`);
    podNamespaces.push(namespace);
  }
  const churnPods: BenchPod[] = [];
  for (let call = 0; call < CHURN_CALLS; call++) {
    const index = (call % options.namespaces) * perNamespace + (call % perNamespace);
    const pod = (call % 2 === 0 ? updatedPods : pods)[index % options.objects];
    if (pod !== undefined) churnPods.push(pod);
  }
  return { pods, updatedPods, keys, names, podNamespaces, namespaces, nodes, churnPods };
}

/** The `node` index function every subject uses: one value, the pod's node. */
export function podNodeIndexFunc(pod: BenchPod): string[] {
  return [pod.spec.nodeName];
}
