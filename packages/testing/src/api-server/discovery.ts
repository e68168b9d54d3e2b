import type { ResourceDefinition } from '../cluster/resource-definition';
import { apiVersionOf } from '../cluster/resource-definition';

/**
 * The version the fake server reports at `/version`: the minor version of the kubectl on these
 * machines, so kubectl does not warn about skew.
 */
export const fakeServerVersion = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-kube-cache-fake',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'gc',
  platform: 'linux/amd64',
} as const;

function groupVersions(definitions: readonly ResourceDefinition[]): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>();
  for (const definition of definitions) {
    if (definition.group === '') continue;
    const versions = groups.get(definition.group) ?? new Set<string>();
    versions.add(definition.version);
    groups.set(definition.group, versions);
  }
  return groups;
}

function apiGroup(name: string, versions: ReadonlySet<string>): Record<string, unknown> {
  const list = [...versions].map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: list, preferredVersion: list[0] };
}

/**
 * The legacy discovery documents (`/api`, `/apis`, `/apis/GROUP`, `/api/v1`,
 * `/apis/GROUP/VERSION`) for the registered resources. Plain `application/json` answers make
 * kubectl and client libraries use legacy discovery instead of the aggregated format.
 *
 * @param path - the request path.
 * @param definitions - the registered resources.
 * @param serverAddress - `host:port`, for `/api`'s `serverAddressByClientCIDRs`.
 * @returns the document, or undefined when `path` is not a discovery path.
 */
export function discoveryDocument(
  path: string,
  definitions: readonly ResourceDefinition[],
  serverAddress: string,
): unknown {
  if (path === '/api') {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
    };
  }
  const groups = groupVersions(definitions);
  if (path === '/apis') {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...groups].map(([name, versions]) => apiGroup(name, versions)),
    };
  }
  const groupMatch = /^\/apis\/([^/]+)$/.exec(path);
  if (groupMatch !== null) {
    const versions = groups.get(groupMatch[1] ?? '');
    return versions === undefined
      ? undefined
      : { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(groupMatch[1] ?? '', versions) };
  }
  const versionMatch = /^\/(?:api\/([^/]+)|apis\/([^/]+\/[^/]+))$/.exec(path);
  if (versionMatch === null) return undefined;
  const groupVersion = versionMatch[1] ?? versionMatch[2] ?? '';
  const resources = definitions.filter(
    (definition) =>
      apiVersionOf(definition) === groupVersion &&
      (versionMatch[1] === undefined) === (definition.group !== ''),
  );
  if (resources.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: resources.map((definition) => ({
      name: definition.plural,
      singularName: definition.singular ?? definition.kind.toLowerCase(),
      namespaced: definition.namespaced,
      kind: definition.kind,
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      ...(definition.shortNames === undefined ? {} : { shortNames: [...definition.shortNames] }),
    })),
  };
}
