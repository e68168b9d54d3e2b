import { statusErrors } from '../cluster/api-status';
import { objectJson, readBody, asObject, serializeListPage, writeJson } from './http-messages';
import { listCollection } from '../cluster/list-collection';
import { parseListOptions } from './list-query';
import { compileObjectFilter } from '../cluster/object-filter';
import { openWatch } from './open-watch';
import type { ResourceRequest } from './request-context';
import { acceptsTable, printTable } from './table-output';

/**
 * Answers a request on a collection: list or watch (GET), create (POST), deletecollection
 * (DELETE).
 *
 * @param scope - the parsed request.
 * @returns when the answer is written (or the watch is open).
 * @throws ApiStatusError for anything the real server refuses.
 */
export async function handleCollection(scope: ResourceRequest): Promise<void> {
  const { context, request, response, url, target, write } = scope;
  const { objects } = context;
  const { store, namespace } = target;
  const definition = store.definition;
  const method = request.method ?? 'GET';
  if (method === 'GET') {
    const options = parseListOptions(url.searchParams);
    if (options.watch || target.legacyWatch)
      return openWatch(context, request, response, target, options);
    const filter = compileObjectFilter(
      definition,
      namespace,
      options.labelSelector,
      options.fieldSelector,
    );
    const page = listCollection(objects, store, filter, options);
    if (acceptsTable(request.headers.accept)) {
      const table = printTable(definition, page.items, {
        resourceVersion: String(page.resourceVersion),
        continue: page.continue,
        remainingItemCount: page.remainingItemCount,
        includeObject: url.searchParams.get('includeObject'),
      });
      return writeJson(response, 200, table);
    }
    return writeJson(response, 200, serializeListPage(store, page));
  }
  if (method === 'POST') {
    if (definition.namespaced && namespace === undefined) throw statusErrors.methodNotAllowed();
    const body = asObject(await readBody(request));
    const revision = write(() => objects.create(store, body, namespace));
    return writeJson(response, 201, objectJson(definition, revision));
  }
  if (method === 'DELETE') {
    // deletecollection: every object the selectors match, each with its own DELETED event.
    const options = parseListOptions(url.searchParams);
    const filter = compileObjectFilter(
      definition,
      namespace,
      options.labelSelector,
      options.fieldSelector,
    );
    const page = listCollection(objects, store, filter, {
      ...options,
      limit: undefined,
      continue: undefined,
      resourceVersion: undefined,
      resourceVersionMatch: undefined,
    });
    const deleted = write(() =>
      page.items.map((body) => {
        const { metadata } = JSON.parse(body) as {
          metadata: { namespace?: string; name: string };
        };
        return objects.delete(store, metadata.namespace ?? '', metadata.name).body;
      }),
    );
    return writeJson(
      response,
      200,
      serializeListPage(store, {
        resourceVersion: objects.resourceVersion,
        items: deleted,
        continue: undefined,
        remainingItemCount: undefined,
      }),
    );
  }
  throw statusErrors.methodNotAllowed();
}
