// Realistic pods for the wire benchmark: @kube-cache/testing's generatePods, extended with what a
// pod read from a real cluster carries and generatePods leaves out (uid, resourceVersion,
// creationTimestamp, generateName, an owner reference to its ReplicaSet, managed fields of the
// controller manager and the kubelet, env, limits, conditions).
// About 2.5 KB of JSON each.
import { generatePods, seededRandom } from '@kube-cache/testing';

/** A pod as the API server encodes it (plain JSON; the shape of `V1Pod`). */
export type BenchPod = Record<string, unknown> & {
  metadata: { name: string; namespace: string; resourceVersion: string };
};

function uid(random: () => number): string {
  const hex = (length: number): string => {
    let text = '';
    for (let index = 0; index < length; index += 1) text += Math.floor(random() * 16).toString(16);
    return text;
  };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

const created = '2026-11-30T08:15:42Z';
const started = '2026-11-30T08:15:44Z';

// What kube-controller-manager owns on a pod it created from a ReplicaSet's template.
function controllerFields(container: string): Record<string, unknown> {
  return {
    'f:metadata': {
      'f:generateName': {},
      'f:labels': { '.': {}, 'f:app': {}, 'f:pod-template-hash': {}, 'f:tier': {} },
      'f:ownerReferences': { '.': {}, 'k:{"uid":"owner"}': {} },
    },
    'f:spec': {
      [`f:containers`]: {
        [`k:{"name":"${container}"}`]: {
          '.': {},
          'f:image': {},
          'f:imagePullPolicy': {},
          'f:name': {},
          'f:resources': { '.': {}, 'f:limits': {}, 'f:requests': {} },
        },
      },
      'f:restartPolicy': {},
    },
  };
}

// What the kubelet owns: the status subresource.
const kubeletFields = {
  'f:status': {
    'f:conditions': {
      'k:{"type":"Ready"}': { '.': {}, 'f:status': {}, 'f:type': {} },
    },
    'f:containerStatuses': {},
    'f:hostIP': {},
    'f:phase': {},
    'f:podIP': {},
    'f:startTime': {},
  },
};

/**
 * Generates `count` realistic pods, deterministic for a seed, with resourceVersions
 * `firstResourceVersion`, `firstResourceVersion + 1`, ...
 *
 * @param count - how many pods.
 * @param firstResourceVersion - the resourceVersion of the first pod.
 * @returns the pods, in resourceVersion order.
 */
export function generateBenchPods(count: number, firstResourceVersion: number): BenchPod[] {
  const random = seededRandom(7);
  return generatePods({ count, namespaces: 100, nodes: 1_000, apps: 200 }).map((base, index) => {
    const { metadata, spec, status } = base;
    const container = spec.containers[0];
    const containerStatus = status.containerStatuses[0];
    const templateHash = metadata.labels['pod-template-hash'] ?? 'hash';
    const app = metadata.labels.app ?? 'app';
    const ownerName = `${app}-${templateHash}`;
    const ready = status.phase === 'Running' ? 'True' : 'False';
    const condition = (type: string, value: string): Record<string, unknown> => ({
      type,
      status: value,
      lastProbeTime: null,
      lastTransitionTime: started,
    });
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: metadata.name,
        generateName: `${ownerName}-`,
        namespace: metadata.namespace,
        uid: uid(random),
        resourceVersion: String(firstResourceVersion + index),
        creationTimestamp: created,
        labels: { ...metadata.labels, version: 'v2' },
        annotations: metadata.annotations,
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: ownerName,
            uid: uid(random),
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
        managedFields: [
          {
            manager: 'kube-controller-manager',
            operation: 'Update',
            apiVersion: 'v1',
            time: created,
            fieldsType: 'FieldsV1',
            fieldsV1: controllerFields(container?.name ?? app),
          },
          {
            manager: 'kubelet',
            operation: 'Update',
            apiVersion: 'v1',
            time: started,
            fieldsType: 'FieldsV1',
            fieldsV1: kubeletFields,
            subresource: 'status',
          },
        ],
      },
      spec: {
        ...spec,
        containers: (spec.containers ?? []).map((entry) => ({
          ...entry,
          env: [{ name: 'LOG_LEVEL', value: 'info' }],
          resources: { requests: entry.resources.requests, limits: { memory: '1Gi' } },
          imagePullPolicy: 'IfNotPresent',
        })),
        terminationGracePeriodSeconds: 30,
        dnsPolicy: 'ClusterFirst',
      },
      status: {
        phase: status.phase,
        conditions: [condition('Ready', ready), condition('PodScheduled', 'True')],
        hostIP: status.hostIP,
        podIP: status.podIP,
        podIPs: [{ ip: status.podIP }],
        startTime: status.startTime,
        containerStatuses: [
          {
            ...containerStatus,
            state: { running: { startedAt: started } },
            imageID: `docker.io/library/${container?.image ?? 'image'}@sha256:${uid(random).replaceAll('-', '')}`,
            containerID: `containerd://${uid(random).replaceAll('-', '')}`,
          },
        ],
        qosClass: 'Burstable',
      },
    };
  });
}
