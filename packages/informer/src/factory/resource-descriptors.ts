import type { KubeObject } from '@kube-cache/indexer';
import type { ResourceDescriptor } from '@kube-cache/reflector';
// Types only: no runtime dependency on client-node (a peer dependency) comes from this file.
import type {
  CoreV1Event,
  V1ClusterRole,
  V1ClusterRoleBinding,
  V1ConfigMap,
  V1ControllerRevision,
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1EndpointSlice,
  V1Endpoints,
  V1Ingress,
  V1IngressClass,
  V1Job,
  V1Lease,
  V1LimitRange,
  V1Namespace,
  V1NetworkPolicy,
  V1Node,
  V1PersistentVolume,
  V1PersistentVolumeClaim,
  V1Pod,
  V1PodDisruptionBudget,
  V1ReplicaSet,
  V1ReplicationController,
  V1ResourceQuota,
  V1Role,
  V1RoleBinding,
  V1Secret,
  V1Service,
  V1ServiceAccount,
  V1StatefulSet,
} from '@kubernetes/client-node';

// A type-level brand: no value ever has this key, it only carries the object type.
declare const objectType: unique symbol;

/**
 * A {@link ResourceDescriptor} that carries the type of its objects, so that
 * `InformerFactory.informerFor(resources.pods)` is a `SharedIndexInformer<V1Pod>` without a type
 * argument, and a mismatch such as `informerFor<V1ConfigMap>(resources.pods)` does not compile.
 * Built-in resources are in {@link resources}; make one for a custom resource with
 * {@link defineResource}. Spreading keeps the type: `{ ...resources.pods, namespace: 'shop' }`.
 *
 * @example
 * ```ts
 * const pods: TypedResourceDescriptor<V1Pod> = resources.pods;
 * ```
 * @since 0.2.0
 */
export interface TypedResourceDescriptor<
  T extends KubeObject,
  // A parameter of its own (not computed inside the brand) so that TypeScript compares it by
  // name instead of deciding from T's variance alone.
  Resource extends string = ResourceOf<T>,
> extends ResourceDescriptor {
  readonly apiVersion: string;
  readonly plural: string;
  readonly kind: string;
  /**
   * Type-level only (never present at runtime): the object type, and for client-node's types the
   * resource they belong to, since `V1Pod` and `V1ConfigMap` are structurally compatible (every
   * field optional) and only the name tells them apart.
   */
  readonly [objectType]: { readonly type: (object: T) => T; readonly resource: Resource };
}

/** client-node's object type of each resource in {@link resources}. */
interface ClientNodeTypes {
  pods: V1Pod;
  configmaps: V1ConfigMap;
  secrets: V1Secret;
  services: V1Service;
  serviceaccounts: V1ServiceAccount;
  namespaces: V1Namespace;
  nodes: V1Node;
  endpoints: V1Endpoints;
  events: CoreV1Event;
  persistentvolumes: V1PersistentVolume;
  persistentvolumeclaims: V1PersistentVolumeClaim;
  replicationcontrollers: V1ReplicationController;
  limitranges: V1LimitRange;
  resourcequotas: V1ResourceQuota;
  deployments: V1Deployment;
  statefulsets: V1StatefulSet;
  daemonsets: V1DaemonSet;
  replicasets: V1ReplicaSet;
  controllerrevisions: V1ControllerRevision;
  jobs: V1Job;
  cronjobs: V1CronJob;
  ingresses: V1Ingress;
  ingressclasses: V1IngressClass;
  networkpolicies: V1NetworkPolicy;
  roles: V1Role;
  rolebindings: V1RoleBinding;
  clusterroles: V1ClusterRole;
  clusterrolebindings: V1ClusterRoleBinding;
  leases: V1Lease;
  endpointslices: V1EndpointSlice;
  poddisruptionbudgets: V1PodDisruptionBudget;
}

// Identity, not mutual assignability: V1Pod and V1ConfigMap are assignable to each other.
type Identical<A, B> =
  (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;

/** The resource (plural) whose client-node type T is; `custom` for any other type. */
type ResourceOf<T> = {
  [Plural in keyof ClientNodeTypes]: Identical<ClientNodeTypes[Plural], T> extends true
    ? Plural
    : never;
}[keyof ClientNodeTypes] extends infer Found
  ? [Found] extends [never]
    ? 'custom'
    : Found & string
  : never;

/**
 * A descriptor without an object type (custom resources, or code written before
 * {@link TypedResourceDescriptor}): any `apiVersion`/`plural`, read as the type argument says.
 * For `@kubernetes/client-node`'s own object types (`V1Pod`, ...) the typed descriptor is
 * required, since that is where a mismatch can be caught: `informerFor<V1Pod>({ apiVersion: 'v1',
 * plural: 'configmaps' })` does not compile, `informerFor(resources.pods)` does.
 *
 * @since 0.2.0
 */
export type UntypedResourceDescriptor<T> = ResourceDescriptor & {
  readonly [objectType]?: never;
} & (IsClientNodeType<T> extends true
    ? { readonly 'a client-node object type needs its typed descriptor: resources.<plural>': never }
    : unknown);

/**
 * The object type a descriptor carries: `ObjectOf<typeof resources.pods>` is `V1Pod`; an untyped
 * descriptor gives `KubeObject`.
 *
 * @since 0.2.0
 */
export type ObjectOf<D> = D extends TypedResourceDescriptor<infer T, string> ? T : KubeObject;

// true when T is one of client-node's object types (not a user's own interface that happens to
// be compatible with it).
type IsClientNodeType<T> = ResourceOf<T> extends 'custom' ? false : true;

/**
 * Gives a descriptor its object type, for a custom resource (or any resource not in
 * {@link resources}). Returns a copy; nothing is checked against the server.
 *
 * @param descriptor - `apiVersion`, `plural`, `kind`, and optionally `namespace`.
 * @returns the typed descriptor.
 * @example
 * ```ts
 * interface Widget extends KubeObject { spec?: { size?: number } }
 * const widgets = defineResource<Widget>({ apiVersion: 'example.com/v1', plural: 'widgets', kind: 'Widget' });
 * factory.informerFor(widgets); // SharedIndexInformer<Widget>
 * ```
 * @since 0.2.0
 */
export function defineResource<T extends KubeObject>(
  descriptor: ResourceDescriptor & { kind: string },
): TypedResourceDescriptor<T> {
  return { ...descriptor } as unknown as TypedResourceDescriptor<T>;
}

function builtIn<T extends KubeObject>(
  apiVersion: string,
  plural: string,
  kind: string,
): TypedResourceDescriptor<T> {
  return Object.freeze(defineResource<T>({ apiVersion, plural, kind }));
}

/**
 * Typed descriptors of the built-in resources most controllers watch (core, apps, batch,
 * networking, RBAC, coordination, discovery, policy), typed with `@kubernetes/client-node`'s
 * models through a type-only import. Frozen; spread one to add a namespace.
 *
 * @example
 * ```ts
 * const pods = factory.informerFor(resources.pods); // SharedIndexInformer<V1Pod>
 * const leases = factory.lister({ ...resources.leases, namespace: 'kube-system' }); // Lister<V1Lease>
 * ```
 * @since 0.2.0
 */
export const resources = {
  // core/v1
  pods: builtIn<V1Pod>('v1', 'pods', 'Pod'),
  configmaps: builtIn<V1ConfigMap>('v1', 'configmaps', 'ConfigMap'),
  secrets: builtIn<V1Secret>('v1', 'secrets', 'Secret'),
  services: builtIn<V1Service>('v1', 'services', 'Service'),
  serviceaccounts: builtIn<V1ServiceAccount>('v1', 'serviceaccounts', 'ServiceAccount'),
  namespaces: builtIn<V1Namespace>('v1', 'namespaces', 'Namespace'),
  nodes: builtIn<V1Node>('v1', 'nodes', 'Node'),
  endpoints: builtIn<V1Endpoints>('v1', 'endpoints', 'Endpoints'),
  events: builtIn<CoreV1Event>('v1', 'events', 'Event'),
  persistentvolumes: builtIn<V1PersistentVolume>('v1', 'persistentvolumes', 'PersistentVolume'),
  persistentvolumeclaims: builtIn<V1PersistentVolumeClaim>(
    'v1',
    'persistentvolumeclaims',
    'PersistentVolumeClaim',
  ),
  replicationcontrollers: builtIn<V1ReplicationController>(
    'v1',
    'replicationcontrollers',
    'ReplicationController',
  ),
  limitranges: builtIn<V1LimitRange>('v1', 'limitranges', 'LimitRange'),
  resourcequotas: builtIn<V1ResourceQuota>('v1', 'resourcequotas', 'ResourceQuota'),
  // apps/v1
  deployments: builtIn<V1Deployment>('apps/v1', 'deployments', 'Deployment'),
  statefulsets: builtIn<V1StatefulSet>('apps/v1', 'statefulsets', 'StatefulSet'),
  daemonsets: builtIn<V1DaemonSet>('apps/v1', 'daemonsets', 'DaemonSet'),
  replicasets: builtIn<V1ReplicaSet>('apps/v1', 'replicasets', 'ReplicaSet'),
  controllerrevisions: builtIn<V1ControllerRevision>(
    'apps/v1',
    'controllerrevisions',
    'ControllerRevision',
  ),
  // batch/v1
  jobs: builtIn<V1Job>('batch/v1', 'jobs', 'Job'),
  cronjobs: builtIn<V1CronJob>('batch/v1', 'cronjobs', 'CronJob'),
  // networking.k8s.io/v1
  ingresses: builtIn<V1Ingress>('networking.k8s.io/v1', 'ingresses', 'Ingress'),
  ingressclasses: builtIn<V1IngressClass>('networking.k8s.io/v1', 'ingressclasses', 'IngressClass'),
  networkpolicies: builtIn<V1NetworkPolicy>(
    'networking.k8s.io/v1',
    'networkpolicies',
    'NetworkPolicy',
  ),
  // rbac.authorization.k8s.io/v1
  roles: builtIn<V1Role>('rbac.authorization.k8s.io/v1', 'roles', 'Role'),
  rolebindings: builtIn<V1RoleBinding>(
    'rbac.authorization.k8s.io/v1',
    'rolebindings',
    'RoleBinding',
  ),
  clusterroles: builtIn<V1ClusterRole>(
    'rbac.authorization.k8s.io/v1',
    'clusterroles',
    'ClusterRole',
  ),
  clusterrolebindings: builtIn<V1ClusterRoleBinding>(
    'rbac.authorization.k8s.io/v1',
    'clusterrolebindings',
    'ClusterRoleBinding',
  ),
  // coordination.k8s.io/v1, discovery.k8s.io/v1, policy/v1
  leases: builtIn<V1Lease>('coordination.k8s.io/v1', 'leases', 'Lease'),
  endpointslices: builtIn<V1EndpointSlice>(
    'discovery.k8s.io/v1',
    'endpointslices',
    'EndpointSlice',
  ),
  poddisruptionbudgets: builtIn<V1PodDisruptionBudget>(
    'policy/v1',
    'poddisruptionbudgets',
    'PodDisruptionBudget',
  ),
} as const;
