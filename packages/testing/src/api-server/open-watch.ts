import { statusErrors } from '../cluster/api-status';
import type { RequestListOptions } from '../cluster/list-options';
import { compileObjectFilter } from '../cluster/object-filter';
import type { RequestHandlerContext } from './request-context';
import type { ResourcePath } from './resource-path';
import { acceptsTable, printTable } from './table-output';
import { WatchConnection } from './watch-connection';
import type { WatchStart } from './watch-connection';
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
 * @since 0.1.0
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
  let start: WatchStart;
  const requested = options.resourceVersion === undefined ? 0 : Number(options.resourceVersion);
  if (options.sendInitialEvents === true && requested > context.objects.resourceVersion) {
    throw statusErrors.tooLargeResourceVersion(requested, context.objects.resourceVersion);
  }
  if (options.sendInitialEvents === true) start = { type: 'streaming' };
  else if (options.resourceVersion === undefined || options.resourceVersion === '0') {
    start =
      options.sendInitialEvents === false
        ? { type: 'from', resourceVersion: context.objects.resourceVersion }
        : { type: 'initial' };
  } else start = { type: 'from', resourceVersion: Number(options.resourceVersion) };
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
