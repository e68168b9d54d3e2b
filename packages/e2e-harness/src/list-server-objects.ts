import type { ApiResponse } from './api-request';
import { E2eHarnessError } from './e2e-harness-error';

/**
 * Anything that can send a request to the API server as the admin (a {@link KubeCluster}).
 *
 * @since 0.1.0
 */
export interface ApiRequester {
  request(method: string, path: string, body?: unknown): Promise<ApiResponse>;
}

/**
 * Lists every object at `path` straight from the server (plain HTTPS, a consistent read from
 * etcd: no resourceVersion, paged by `limit`/`continue`), independently of the code under test.
 *
 * @param cluster - the cluster to ask.
 * @param path - a collection path, e.g. `/api/v1/namespaces/team-a/configmaps`.
 * @param pageSize - items per page (default 500).
 * @returns the items and the resourceVersion of the list.
 * @throws E2eHarnessError for a non-200 answer.
 * @since 0.1.0
 */
export async function listServerObjects(
  cluster: ApiRequester,
  path: string,
  pageSize = 500,
): Promise<{ items: unknown[]; resourceVersion: string }> {
  const items: unknown[] = [];
  let continueToken: string | undefined;
  let resourceVersion = '';
  do {
    const query = new URLSearchParams({ limit: String(pageSize) });
    if (continueToken !== undefined) query.set('continue', continueToken);
    const separator = path.includes('?') ? '&' : '?';
    const response = await cluster.request('GET', `${path}${separator}${query.toString()}`);
    if (response.status !== 200) {
      throw new E2eHarnessError(
        `GET ${path} answered ${response.status}: ${response.text.slice(0, 500)}`,
      );
    }
    const body = JSON.parse(response.text) as {
      items?: unknown[];
      metadata?: { continue?: string; resourceVersion?: string };
    };
    items.push(...(body.items ?? []));
    resourceVersion = body.metadata?.resourceVersion ?? resourceVersion;
    continueToken = body.metadata?.continue === '' ? undefined : body.metadata?.continue;
  } while (continueToken !== undefined);
  return { items, resourceVersion };
}
