import type { ListOptions } from '@kube-cache/indexer';
import { InvalidListWatchConfigError } from '../errors/invalid-list-watch-config-error';

/**
 * The resource a ListWatch lists and watches: `apiVersion` (`v1`, `apps/v1`,
 * `example.com/v1alpha1`), the lowercase plural (`pods`), an optional namespace (absent: all
 * namespaces, or a cluster-scoped resource) and an optional `kind` (derived from the list
 * otherwise).
 *
 * @since 0.1.0
 */
export interface ResourceDescriptor {
  apiVersion: string;
  plural: string;
  namespace?: string | undefined;
  kind?: string | undefined;
}

/**
 * Builds the URL of a list or watch request.
 *
 * @param server - the cluster's server URL (may carry a path prefix).
 * @param resource - what to list.
 * @param options - the query parameters; undefined ones are left out, and `watch=true` is added
 *   when `watch` is set.
 * @param watch - whether this is a watch request.
 * @returns the URL.
 * @throws {@link InvalidListWatchConfigError} for an empty `apiVersion` or `plural`.
 */
export function resourceUrl(
  server: string,
  resource: ResourceDescriptor,
  options: ListOptions,
  watch: boolean,
): URL {
  if (resource.apiVersion === '' || resource.plural === '') {
    throw new InvalidListWatchConfigError('the resource needs an apiVersion and a plural');
  }
  const prefix = resource.apiVersion.includes('/')
    ? `/apis/${resource.apiVersion}`
    : `/api/${resource.apiVersion}`;
  const namespace =
    resource.namespace === undefined || resource.namespace === ''
      ? ''
      : `/namespaces/${encodeURIComponent(resource.namespace)}`;
  const url = new URL(
    `${server.replace(/\/+$/, '')}${prefix}${namespace}/${encodeURIComponent(resource.plural)}`,
  );
  const query = url.searchParams;
  if (watch) query.set('watch', 'true');
  const entries: [string, string | number | boolean | undefined][] = [
    // "" and absent mean the same (the most recent version); absent keeps the URL plain.
    ['resourceVersion', options.resourceVersion === '' ? undefined : options.resourceVersion],
    ['resourceVersionMatch', options.resourceVersionMatch],
    ['limit', options.limit === 0 ? undefined : options.limit],
    ['continue', options.continue === '' ? undefined : options.continue],
    ['labelSelector', options.labelSelector === '' ? undefined : options.labelSelector],
    ['fieldSelector', options.fieldSelector === '' ? undefined : options.fieldSelector],
    ['timeoutSeconds', options.timeoutSeconds],
    ['allowWatchBookmarks', options.allowWatchBookmarks],
    ['sendInitialEvents', options.sendInitialEvents],
  ];
  for (const [key, value] of entries) {
    if (value !== undefined) query.set(key, String(value));
  }
  return url;
}
