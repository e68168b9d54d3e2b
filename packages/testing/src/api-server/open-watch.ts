import type { RequestListOptions } from '../cluster/list-options';
import { compileObjectFilter } from '../cluster/object-filter';
import type { RequestHandlerContext } from './request-context';
import type { ResourcePath } from './resource-path';
import { acceptsTable, printTable } from './table-output';
import { WatchConnection } from './watch-connection';
import { watchStart } from '../cluster/watch-events';
import type { ApiRequest, ApiResponse } from './http-exchange';

/**
 * Opens a watch stream for a request: where it starts (history, initial state or streaming
 * list), bookmarks, timeout, selectors and Table printing.
 *
 * @param context - the server's data and settings.
 * @param request - the request (for its Accept header).
 * @param response - the response to stream into.
 * @param target - the resource and namespace.
 * @param options - the parsed watch options.
 * @throws ApiStatusError 400 for a bad selector, 504 for a streaming watch from a future RV.
 */
export function openWatch(
  context: RequestHandlerContext,
  request: ApiRequest,
  response: ApiResponse,
  target: ResourcePath,
  options: RequestListOptions,
): void {
  const filter = compileObjectFilter(
    target.store.definition,
    target.namespace,
    options.labelSelector,
    options.fieldSelector,
  );
  const start = watchStart(context.objects, options);
  const connection = new WatchConnection({
    objects: context.objects,
    store: target.store,
    filter,
    response,
    start,
    bookmarkIntervalMilliseconds: options.allowWatchBookmarks
      ? context.bookmarkIntervalMilliseconds
      : undefined,
    timeoutMilliseconds:
      options.timeoutSeconds !== undefined && options.timeoutSeconds > 0
        ? options.timeoutSeconds * 1000
        : undefined,
    onClose: (closed) => context.watches.delete(closed),
    printer: acceptsTable(request.headers.accept)
      ? (body) =>
          printTable(target.store.definition, [body], { includeObject: options.includeObject })
      : undefined,
  });
  context.watches.add(connection);
  context.watchOpened();
  connection.open();
}
