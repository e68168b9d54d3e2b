import type { ResourceDefinition } from '../cluster/resource-definition';

/**
 * One column of a server-side printed `Table` (`meta.k8s.io/v1`).
 */
export interface TableColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'date';
  readonly format: string;
  readonly description: string;
  readonly priority: number;
  readonly cell: (object: PrintedObject, now: number) => string | number;
}

/** The parts of an object the printers read. */
interface PrintedObject {
  metadata?: {
    name?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
  };
  spec?: { containers?: unknown[]; nodeName?: string; nominatedNodeName?: string };
  status?: {
    phase?: string;
    reason?: string;
    podIP?: string;
    nominatedNodeName?: string;
    containerStatuses?: { ready?: boolean; restartCount?: number }[];
    conditions?: { type?: string; status?: string }[];
    nodeInfo?: { kubeletVersion?: string };
  };
  data?: Record<string, unknown>;
  binaryData?: Record<string, unknown>;
}

/**
 * A duration as kubectl prints ages (apimachinery's `HumanDuration`): `45s`, `3m20s`, `2h5m`,
 * `3d4h`, `2y10d`.
 *
 * @param milliseconds - the duration.
 * @returns the short human form.
 */
export function humanDuration(milliseconds: number): string {
  const seconds = Math.floor(milliseconds / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8)
    return hours % 24 === 0
      ? `${Math.floor(hours / 24)}d`
      : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24) % 365;
  if (hours < 24 * 365 * 8)
    return days === 0
      ? `${Math.floor(hours / 24 / 365)}y`
      : `${Math.floor(hours / 24 / 365)}y${days}d`;
  return `${Math.floor(hours / 24 / 365)}y`;
}

const nameColumn: TableColumn = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
  priority: 0,
  cell: (object) => object.metadata?.name ?? '',
};

const ageColumn: TableColumn = {
  name: 'Age',
  type: 'string',
  format: '',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created.',
  priority: 0,
  cell: (object, now) => {
    const created = object.metadata?.creationTimestamp;
    return created === undefined ? '<unknown>' : humanDuration(now - Date.parse(created));
  },
};

function column(
  name: string,
  cell: TableColumn['cell'],
  options: { priority?: number; type?: TableColumn['type'] } = {},
): TableColumn {
  return {
    name,
    type: options.type ?? 'string',
    format: '',
    description: name,
    priority: options.priority ?? 0,
    cell,
  };
}

const podColumns: readonly TableColumn[] = [
  nameColumn,
  column('Ready', (pod) => {
    const statuses = pod.status?.containerStatuses ?? [];
    return `${statuses.filter((status) => status.ready === true).length}/${pod.spec?.containers?.length ?? statuses.length}`;
  }),
  column('Status', (pod) =>
    pod.metadata?.deletionTimestamp !== undefined
      ? 'Terminating'
      : (pod.status?.reason ?? pod.status?.phase ?? ''),
  ),
  column(
    'Restarts',
    (pod) =>
      (pod.status?.containerStatuses ?? []).reduce(
        (total, status) => total + (status.restartCount ?? 0),
        0,
      ),
    { type: 'integer' },
  ),
  ageColumn,
  column('IP', (pod) => pod.status?.podIP ?? '<none>', { priority: 1 }),
  column('Node', (pod) => pod.spec?.nodeName ?? '<none>', { priority: 1 }),
  column('Nominated Node', (pod) => pod.status?.nominatedNodeName ?? '<none>', { priority: 1 }),
];

const columnsByKind: Readonly<Record<string, readonly TableColumn[]>> = {
  'v1/Pod': podColumns,
  'v1/Namespace': [
    nameColumn,
    column('Status', (namespace) => namespace.status?.phase ?? ''),
    ageColumn,
  ],
  'v1/ConfigMap': [
    nameColumn,
    column(
      'Data',
      (configMap) =>
        Object.keys(configMap.data ?? {}).length + Object.keys(configMap.binaryData ?? {}).length,
      { type: 'integer' },
    ),
    ageColumn,
  ],
  'v1/Node': [
    nameColumn,
    column('Status', (node) => {
      const ready = node.status?.conditions?.find((condition) => condition.type === 'Ready');
      return ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady';
    }),
    column('Roles', (node) => {
      const roles = Object.keys(node.metadata?.labels ?? {})
        .filter((label) => label.startsWith('node-role.kubernetes.io/'))
        .map((label) => label.slice('node-role.kubernetes.io/'.length));
      return roles.length === 0 ? '<none>' : roles.sort().join(',');
    }),
    ageColumn,
    column('Version', (node) => node.status?.nodeInfo?.kubeletVersion ?? ''),
  ],
};

/**
 * The columns the server prints for a resource: kubectl's for pods, namespaces, config maps and
 * nodes; `Name` and `Created At` (the real server's default) for any other resource.
 *
 * @param definition - the resource.
 * @returns the columns.
 */
export function tableColumns(definition: ResourceDefinition): readonly TableColumn[] {
  const known =
    definition.group === '' ? columnsByKind[`${definition.version}/${definition.kind}`] : undefined;
  return (
    known ?? [
      nameColumn,
      {
        name: 'Created At',
        type: 'date',
        format: '',
        description: 'CreationTimestamp',
        priority: 0,
        cell: (object) => object.metadata?.creationTimestamp ?? '',
      },
    ]
  );
}

/**
 * Whether a request's `Accept` header asks for server-side printing (`as=Table`).
 *
 * @param accept - the Accept header.
 * @returns `true` when a `meta.k8s.io` Table is acceptable.
 */
export function acceptsTable(accept: string | undefined): boolean {
  return (accept ?? '')
    .split(',')
    .some((part) => /;\s*as=Table/.test(part) && /;\s*g=meta\.k8s\.io/.test(part));
}

/**
 * Prints objects as a `meta.k8s.io/v1` `Table`, rows carrying `PartialObjectMetadata` (the
 * server's default `includeObject=Metadata`), the whole object, or nothing.
 *
 * @param definition - the resource.
 * @param bodies - the objects' JSON (list-item form).
 * @param options - list metadata and `includeObject`.
 * @returns the Table's JSON text.
 */
export function printTable(
  definition: ResourceDefinition,
  bodies: readonly string[],
  options: {
    resourceVersion?: string | undefined;
    continue?: string | undefined;
    remainingItemCount?: number | undefined;
    includeObject?: string | null;
  },
): string {
  const columns = tableColumns(definition);
  const now = Date.now();
  const apiVersion =
    definition.group === '' ? definition.version : `${definition.group}/${definition.version}`;
  const rows = bodies.map((body) => {
    const object = JSON.parse(body) as PrintedObject & { metadata?: Record<string, unknown> };
    const row: Record<string, unknown> = { cells: columns.map((item) => item.cell(object, now)) };
    if (options.includeObject === 'Object')
      row['object'] = { kind: definition.kind, apiVersion, ...object };
    else if (options.includeObject !== 'None')
      row['object'] = {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: object.metadata ?? {},
      };
    return row;
  });
  const metadata: Record<string, unknown> = {};
  if (options.resourceVersion !== undefined) metadata['resourceVersion'] = options.resourceVersion;
  if (options.continue !== undefined) metadata['continue'] = options.continue;
  if (options.remainingItemCount !== undefined)
    metadata['remainingItemCount'] = options.remainingItemCount;
  return JSON.stringify({
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: columns.map(({ name, type, format, description, priority }) => ({
      name,
      type,
      format,
      description,
      priority,
    })),
    rows,
  });
}
