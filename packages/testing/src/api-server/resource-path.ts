import { statusErrors } from '../cluster/api-status';
import type { ObjectStore } from '../cluster/object-store';
import { groupVersionPath } from '../cluster/resource-definition';
import type { ResourceStore } from '../cluster/resource-store';

/**
 * A parsed resource path: which resource, which namespace (undefined: all namespaces or
 * cluster-scoped), which object (undefined: the collection), and whether it used the legacy
 * `/watch/` prefix.
 */
export interface ResourcePath {
  readonly store: ResourceStore;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly legacyWatch: boolean;
}

/**
 * Parses `/api/v1/...` and `/apis/GROUP/VERSION/...` resource paths.
 *
 * @param pathname - the URL path.
 * @param objects - the cluster data, for the registered resources.
 * @returns the parsed path, `undefined` when no registered resource matches.
 * @throws ApiStatusError 400 for a path with malformed percent-encoding.
 */
export function parseResourcePath(
  pathname: string,
  objects: ObjectStore,
): ResourcePath | undefined {
  for (const store of objects.stores()) {
    const prefix = `${groupVersionPath(store.definition)}/`;
    if (!pathname.startsWith(prefix)) continue;
    let segments: string[];
    try {
      segments = pathname.slice(prefix.length).split('/').map(decodeURIComponent);
    } catch {
      throw statusErrors.badRequest(`malformed path: ${pathname}`);
    }
    if (segments[segments.length - 1] === '') segments = segments.slice(0, -1);
    let legacyWatch = false;
    if (segments[0] === 'watch') {
      legacyWatch = true;
      segments = segments.slice(1);
    }
    const plural = store.definition.plural;
    if (
      store.definition.namespaced &&
      segments[0] === 'namespaces' &&
      segments[2] === plural &&
      segments.length <= 4
    ) {
      return { store, namespace: segments[1], name: segments[3], legacyWatch };
    }
    if (segments[0] === plural && segments.length <= 2) {
      return { store, namespace: undefined, name: segments[1], legacyWatch };
    }
  }
  return undefined;
}
