/**
 * A resource type the fake API server serves: its group, version, kind, plural and scope.
 *
 * @example
 * ```ts
 * const widgets: ResourceDefinition = {
 *   group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets', namespaced: true,
 * };
 * ```
 * @since 0.1.0
 */
export interface ResourceDefinition {
  /** The API group; `''` for the core group (`/api/v1`). */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** The lower-case plural used in paths, for example `pods`. */
  readonly plural: string;
  readonly namespaced: boolean;
  /** Defaults to `${kind}List`. */
  readonly listKind?: string | undefined;
  /** Defaults to the lower-cased kind. */
  readonly singular?: string | undefined;
  readonly shortNames?: readonly string[] | undefined;
  /**
   * Extra field selector attributes beyond `metadata.name` and `metadata.namespace`: the
   * selector's field name and the dotted path of the value in the object.
   */
  readonly selectableFields?: Readonly<Record<string, string>> | undefined;
  /**
   * What a DELETE answers: the deleted `object` (the default, as for pods, namespaces and custom
   * resources) or a `Success` `status` (as the real server does for config maps and nodes).
   */
  readonly deleteAnswer?: 'object' | 'status' | undefined;
}

/**
 * The resources every fake API server registers: pods, configmaps, namespaces and nodes
 * (core v1) and leases (`coordination.k8s.io/v1`, since 0.2.0, for leader election), with the
 * field selectors the real server supports for them.
 *
 * @since 0.1.0
 */
export const defaultResourceDefinitions: readonly ResourceDefinition[] = [
  {
    group: '',
    version: 'v1',
    kind: 'Pod',
    plural: 'pods',
    namespaced: true,
    shortNames: ['po'],
    selectableFields: {
      'spec.nodeName': 'spec.nodeName',
      'spec.restartPolicy': 'spec.restartPolicy',
      'spec.schedulerName': 'spec.schedulerName',
      'spec.serviceAccountName': 'spec.serviceAccountName',
      'status.phase': 'status.phase',
      'status.podIP': 'status.podIP',
      'status.nominatedNodeName': 'status.nominatedNodeName',
    },
  },
  {
    group: '',
    version: 'v1',
    kind: 'ConfigMap',
    plural: 'configmaps',
    namespaced: true,
    shortNames: ['cm'],
    deleteAnswer: 'status',
  },
  {
    group: '',
    version: 'v1',
    kind: 'Namespace',
    plural: 'namespaces',
    namespaced: false,
    shortNames: ['ns'],
    selectableFields: { 'status.phase': 'status.phase' },
  },
  {
    group: '',
    version: 'v1',
    kind: 'Node',
    plural: 'nodes',
    namespaced: false,
    shortNames: ['no'],
    selectableFields: { 'spec.unschedulable': 'spec.unschedulable' },
    deleteAnswer: 'status',
  },
  {
    group: 'coordination.k8s.io',
    version: 'v1',
    kind: 'Lease',
    plural: 'leases',
    namespaced: true,
    deleteAnswer: 'status',
  },
];

/**
 * The `apiVersion` of a resource's objects: `v1` for the core group, `group/version` otherwise.
 *
 * @param definition - the resource.
 * @returns the apiVersion string.
 */
export function apiVersionOf(definition: Pick<ResourceDefinition, 'group' | 'version'>): string {
  return definition.group === '' ? definition.version : `${definition.group}/${definition.version}`;
}

/**
 * The path prefix of a resource's group version: `/api/v1` or `/apis/GROUP/VERSION`.
 *
 * @param definition - the resource.
 * @returns the path prefix, without a trailing slash.
 */
export function groupVersionPath(
  definition: Pick<ResourceDefinition, 'group' | 'version'>,
): string {
  return definition.group === ''
    ? `/api/${definition.version}`
    : `/apis/${definition.group}/${definition.version}`;
}
