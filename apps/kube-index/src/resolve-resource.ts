import { ApiStatusError } from '@kube-cache/indexer';
import { KubeIndexError } from './kube-index-error';

/**
 * A resource type found through discovery.
 */
export interface ResolvedResource {
  /** `v1` or `group/version`. */
  apiVersion: string;
  /** The plural name in the URL, for example `deployments`. */
  plural: string;
  kind: string;
  namespaced: boolean;
}

/**
 * Reads one discovery document; the caller supplies authentication and transport.
 */
export type DiscoveryFetch = (path: string) => Promise<unknown>;

interface ResourceQuery {
  name: string;
  group: string | undefined;
  version: string | undefined;
}

interface ApiResource {
  name: string;
  singularName?: string;
  namespaced: boolean;
  kind: string;
  verbs?: string[];
  shortNames?: string[];
}

const VERSION_PATTERN = /^v\d+((alpha|beta)\d+)?$/;

/**
 * Finds the resource type a user means, as `kubectl get` does: by plural, singular, kind or
 * short name (`pods`, `pod`, `Pod`, `po`), optionally qualified by group or group and version
 * (`deployments.apps`, `deployments.v1.apps`), or given in full (`apps/v1/deployments`,
 * `v1/pods`). The core group wins over other groups, then groups in the server's order.
 *
 * @param input - what the user typed.
 * @param fetchJson - reads a discovery document (`/api/v1`, `/apis`, `/apis/GROUP`, ...).
 * @returns the resource type.
 * @throws {@link KubeIndexError} when the server has no such resource, or it cannot be listed and
 *   watched; the error of `fetchJson` when the server cannot be asked at all.
 * @example
 * ```ts
 * await resolveResource('deploy', (path) => kubeGetJson(kubeConfig, path, signal));
 * // { apiVersion: 'apps/v1', plural: 'deployments', kind: 'Deployment', namespaced: true }
 * ```
 */
export async function resolveResource(
  input: string,
  fetchJson: DiscoveryFetch,
): Promise<ResolvedResource> {
  const query = parseResourceQuery(input);
  const explicit = explicitGroupVersion(query);
  // The core group first without asking /apis: most lookups end there.
  const found =
    explicit !== undefined
      ? await findIn([explicit], query.name, fetchJson, true)
      : ((query.group === undefined
          ? await findIn(['v1'], query.name, fetchJson, true)
          : undefined) ??
        (await findIn(
          await groupVersionsFor(query.group, fetchJson),
          query.name,
          fetchJson,
          false,
        )));
  if (found === undefined) {
    throw new KubeIndexError(
      `kube-index: the server has no resource type "${input}"${query.group === undefined || query.group === '' ? '' : ` in API group "${query.group}"`}; \`kubectl api-resources\` lists those it has`,
    );
  }
  const { groupVersion, resource } = found;
  const verbs = resource.verbs ?? ['list', 'watch'];
  if (!verbs.includes('list') || !verbs.includes('watch')) {
    throw new KubeIndexError(
      `kube-index: ${resource.name} (${groupVersion}) cannot be listed and watched; its verbs are ${verbs.join(', ')}`,
    );
  }
  return {
    apiVersion: groupVersion,
    plural: resource.name,
    kind: resource.kind,
    namespaced: resource.namespaced,
  };
}

/**
 * Splits what the user typed into a name and an optional group and version.
 *
 * @param input - `pods`, `deployments.apps`, `deployments.v1.apps`, `apps/v1/deployments`, `v1/pods`.
 * @returns the parts.
 * @throws {@link KubeIndexError} for an empty name or too many slashes.
 */
export function parseResourceQuery(input: string): ResourceQuery {
  const parts = input.split('/');
  if (parts.length === 2 && parts[0] !== '' && parts[1] !== '')
    return { name: parts[1] ?? '', group: '', version: parts[0] };
  if (parts.length === 3 && parts.every((part) => part !== ''))
    return { name: parts[2] ?? '', group: parts[0], version: parts[1] };
  if (parts.length !== 1 || input === '') {
    throw new KubeIndexError(
      `kube-index: cannot read the resource "${input}": expected NAME, NAME.GROUP or GROUP/VERSION/NAME`,
      { exitCode: 2 },
    );
  }
  const [name = '', second, ...rest] = input.split('.');
  if (second === undefined) return { name, group: undefined, version: undefined };
  if (VERSION_PATTERN.test(second) && rest.length > 0)
    return { name, version: second, group: rest.join('.') };
  return { name, version: undefined, group: [second, ...rest].join('.') };
}

function explicitGroupVersion(query: ResourceQuery): string | undefined {
  if (query.version === undefined) return undefined;
  return query.group === '' || query.group === undefined
    ? query.version
    : `${query.group}/${query.version}`;
}

async function groupVersionsFor(
  group: string | undefined,
  fetchJson: DiscoveryFetch,
): Promise<string[]> {
  const groups = asGroupList(await fetchJson('/apis'));
  if (group === undefined) return groups.map((candidate) => candidate.preferredVersion);
  return groups
    .filter((candidate) => candidate.name === group)
    .map((candidate) => candidate.preferredVersion);
}

async function findIn(
  groupVersions: readonly string[],
  name: string,
  fetchJson: DiscoveryFetch,
  required: boolean,
): Promise<{ groupVersion: string; resource: ApiResource } | undefined> {
  for (const groupVersion of groupVersions) {
    const resource = (await fetchResources(groupVersion, fetchJson, required)).find((candidate) =>
      matches(candidate, name),
    );
    if (resource !== undefined) return { groupVersion, resource };
  }
  return undefined;
}

async function fetchResources(
  groupVersion: string,
  fetchJson: DiscoveryFetch,
  required: boolean,
): Promise<ApiResource[]> {
  const path = groupVersion.includes('/') ? `/apis/${groupVersion}` : `/api/${groupVersion}`;
  try {
    const document = (await fetchJson(path)) as { resources?: unknown };
    return Array.isArray(document.resources)
      ? (document.resources as ApiResource[]).filter((resource) => !resource.name.includes('/'))
      : [];
  } catch (error) {
    if (ApiStatusError.isInstance(error) && error.code === 404) return [];
    // One broken aggregated API (a 503 from a dead metrics server) must not hide the rest; the
    // core group or a group version asked for by name has to answer, though.
    if (required) throw error;
    return [];
  }
}

function asGroupList(document: unknown): { name: string; preferredVersion: string }[] {
  const groups = (document as { groups?: unknown }).groups;
  if (!Array.isArray(groups)) return [];
  return groups.flatMap(
    (group: { name?: unknown; preferredVersion?: { groupVersion?: unknown } }) =>
      typeof group.name === 'string' && typeof group.preferredVersion?.groupVersion === 'string'
        ? [{ name: group.name, preferredVersion: group.preferredVersion.groupVersion }]
        : [],
  );
}

function matches(resource: ApiResource, name: string): boolean {
  const lower = name.toLowerCase();
  return (
    resource.name === lower ||
    resource.singularName === lower ||
    resource.kind.toLowerCase() === lower ||
    (resource.shortNames ?? []).includes(lower)
  );
}
