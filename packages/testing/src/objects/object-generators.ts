import { seededRandom } from './seeded-random';

/**
 * Options of {@link generatePods}.
 *
 * @since 0.1.0
 */
export interface GeneratePodsOptions {
  readonly count: number;
  /** How many namespaces (`namespace-0` ...) to spread the pods over. Defaults to 10. */
  readonly namespaces?: number | undefined;
  /** How many nodes (`node-0` ...) the pods run on. Defaults to 50. */
  readonly nodes?: number | undefined;
  /** How many apps (`app-0` ...) label the pods. Defaults to 20. */
  readonly apps?: number | undefined;
  /** The random seed: the same seed gives the same pods. Defaults to 1. */
  readonly seed?: number | undefined;
}

/**
 * Options of {@link generateConfigMaps}.
 *
 * @since 0.1.0
 */
export interface GenerateConfigMapsOptions {
  readonly count: number;
  /** Defaults to 10. */
  readonly namespaces?: number | undefined;
  /** Defaults to 1. */
  readonly seed?: number | undefined;
}

/**
 * A generated pod: a plain object shaped like `V1Pod`.
 *
 * @since 0.1.0
 */
export interface GeneratedPod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: {
    name: string;
    namespace: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
  };
  spec: {
    nodeName: string;
    restartPolicy: 'Always';
    schedulerName: 'default-scheduler';
    serviceAccountName: 'default';
    containers: {
      name: string;
      image: string;
      ports: { containerPort: number; protocol: 'TCP' }[];
      resources: { requests: { cpu: string; memory: string } };
    }[];
  };
  status: {
    phase: 'Running' | 'Pending' | 'Succeeded' | 'Failed';
    podIP: string;
    hostIP: string;
    startTime: string;
    containerStatuses: {
      name: string;
      image: string;
      ready: boolean;
      restartCount: number;
      started: boolean;
    }[];
  };
}

/**
 * A generated config map: a plain object shaped like `V1ConfigMap`.
 *
 * @since 0.1.0
 */
export interface GeneratedConfigMap {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  data: Record<string, string>;
}

const phases = [
  'Running',
  'Running',
  'Running',
  'Running',
  'Running',
  'Running',
  'Pending',
  'Succeeded',
  'Failed',
] as const;
const images = [
  'nginx:1.27',
  'redis:7.4',
  'postgres:16',
  'busybox:1.36',
  'ghcr.io/example/api:2.3.1',
];
const hexDigits = 'bcdfghjklmnpqrstvwxz2456789';

function suffix(random: () => number, length: number): string {
  let text = '';
  for (let index = 0; index < length; index += 1)
    text += hexDigits[Math.floor(random() * hexDigits.length)] ?? 'x';
  return text;
}

/**
 * Generates realistic pods: deployment-style names, app/tier labels, a node, a phase and an IP,
 * spread over namespaces. Deterministic for a given seed.
 *
 * @param options - count, and how many namespaces, nodes and apps.
 * @returns the pods, ready for {@link FakeApiServer.seed}.
 * @example
 * ```ts
 * await server.seed(generatePods({ count: 20_000, namespaces: 20 }));
 * ```
 * @since 0.1.0
 */
export function generatePods(options: GeneratePodsOptions): GeneratedPod[] {
  const random = seededRandom(options.seed ?? 1);
  const namespaces = Math.max(1, options.namespaces ?? 10);
  const nodes = Math.max(1, options.nodes ?? 50);
  const apps = Math.max(1, options.apps ?? 20);
  const pods: GeneratedPod[] = [];
  const startTime = '2026-01-01T00:00:00Z';
  for (let index = 0; index < options.count; index += 1) {
    // Drawn in a fixed order, so a seed always gives the same pods.
    const app = `app-${Math.floor(random() * apps)}`;
    const name = `${app}-${suffix(random, 10)}-${suffix(random, 5)}-${index}`;
    const tier = random() < 0.5 ? 'frontend' : 'backend';
    const templateHash = suffix(random, 10);
    const nodeName = `node-${Math.floor(random() * nodes)}`;
    const cpu = `${50 + Math.floor(random() * 450)}m`;
    const memory = `${64 * (1 + Math.floor(random() * 8))}Mi`;
    const phase = phases[Math.floor(random() * phases.length)] ?? 'Running';
    const hostIP = `192.168.0.${Math.floor(random() * 250) + 1}`;
    const image = images[index % images.length] ?? 'nginx:1.27';
    const running = phase === 'Running';
    pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: `namespace-${index % namespaces}`,
        labels: { app, tier, 'pod-template-hash': templateHash },
        annotations: { 'kubernetes.io/generated-by': 'kube-cache-testing' },
      },
      spec: {
        nodeName,
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        serviceAccountName: 'default',
        containers: [
          {
            name: app,
            image,
            ports: [{ containerPort: 8080, protocol: 'TCP' }],
            resources: { requests: { cpu, memory } },
          },
        ],
      },
      status: {
        phase,
        podIP: `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
        hostIP,
        startTime,
        containerStatuses: [
          {
            name: app,
            image,
            ready: running,
            restartCount: index % 11 === 0 ? (index % 4) + 1 : 0,
            started: running,
          },
        ],
      },
    });
  }
  return pods;
}

/**
 * Generates config maps with a few data keys, spread over namespaces. Deterministic for a seed.
 *
 * @param options - count, namespaces and seed.
 * @returns the config maps, ready for {@link FakeApiServer.seed}.
 * @since 0.1.0
 */
export function generateConfigMaps(options: GenerateConfigMapsOptions): GeneratedConfigMap[] {
  const random = seededRandom(options.seed ?? 1);
  const namespaces = Math.max(1, options.namespaces ?? 10);
  const configMaps: GeneratedConfigMap[] = [];
  for (let index = 0; index < options.count; index += 1) {
    configMaps.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: `config-${suffix(random, 6)}-${index}`,
        namespace: `namespace-${index % namespaces}`,
        labels: { component: `component-${index % 7}` },
      },
      data: {
        'log-level': random() < 0.5 ? 'info' : 'debug',
        replicas: String(1 + Math.floor(random() * 5)),
        'feature-flags': suffix(random, 12),
      },
    });
  }
  return configMaps;
}
