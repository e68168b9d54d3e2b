import type { IncomingMessage, ServerResponse } from 'node:http';
import { statusErrors, statusForError } from './api-status';
import { discoveryDocument, fakeServerVersion } from './discovery';
import { asObject, objectJson, readBody, writeJson, writeStatus } from './http-messages';
import { listCollection, serializeListPage } from './list-collection';
import { parseListOptions } from './list-options';
import type { RequestListOptions } from './list-options';
import { compileObjectFilter } from './object-filter';
import type { ObjectStore } from './object-store';
import { openApiDocument } from './openapi-documents';
import { acceptsTable, printTable } from './table-output';
import { applyJsonPatch, applyMergePatch } from './patch-documents';
import type { ResourceDefinition } from './resource-definition';
import { parseResourcePath } from './resource-path';
import type { ResourcePath } from './resource-path';
import { currentRevision } from './resource-store';
import { WatchConnection } from './watch-connection';
import type { WatchStart } from './watch-connection';

/**
 * What the request handler needs from its server.
 *
 * @since 0.1.0
 */
export interface RequestHandlerContext {
  readonly objects: ObjectStore;
  readonly definitions: readonly ResourceDefinition[];
  readonly serverAddress: () => string;
  readonly bookmarkIntervalMilliseconds: number;
  readonly watches: Set<WatchConnection>;
}

const patchTypes = new Set([
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/json-patch+json',
]);

/**
 * Answers one HTTP request of the Kubernetes API: discovery, list, watch and writes. Every
 * failure becomes a Status answer; nothing thrown escapes.
 *
 * @param context - the server's data and settings.
 * @param request - the request.
 * @param response - the response.
 * @param url - the parsed URL.
 * @returns when the answer is written (or the watch is open).
 * @since 0.1.0
 */
export async function handleApiRequest(
  context: RequestHandlerContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  try {
    const path = url.pathname;
    const method = request.method ?? 'GET';
    if (path === '/version') return writeJson(response, 200, JSON.stringify(fakeServerVersion));
    if (path === '/healthz' || path === '/livez' || path === '/readyz') {
      response.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      return;
    }
    const discovery =
      method === 'GET'
        ? (discoveryDocument(path, context.definitions, context.serverAddress()) ??
          openApiDocument(path, context.definitions))
        : undefined;
    if (discovery !== undefined) return writeJson(response, 200, JSON.stringify(discovery));
    const resourcePath = parseResourcePath(path, context.objects);
    if (resourcePath === undefined) throw statusErrors.resourceNotFound();
    await handleResource(context, request, response, url, resourcePath);
  } catch (error) {
    if (response.headersSent) {
      response.end();
      return;
    }
    writeStatus(response, statusForError(error));
  }
}

async function handleResource(
  context: RequestHandlerContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  target: ResourcePath,
): Promise<void> {
  const { objects } = context;
  const { store, namespace, name } = target;
  const definition = store.definition;
  const method = request.method ?? 'GET';
  if (definition.namespaced && namespace === undefined && name !== undefined)
    throw statusErrors.resourceNotFound();
  const subject = { group: definition.group, plural: definition.plural, name };
  const dryRun = url.searchParams.getAll('dryRun');
  if (dryRun.some((value) => value !== 'All')) {
    const optionsKind =
      { POST: 'CreateOptions', PUT: 'UpdateOptions', PATCH: 'PatchOptions' }[method] ??
      'DeleteOptions';
    const values = `[]string{${dryRun.map((value) => JSON.stringify(value)).join(', ')}}`;
    throw statusErrors.invalid(optionsKind, 'meta.k8s.io', '', [
      {
        reason: 'FieldValueNotSupported',
        message: `Unsupported value: ${values}: supported values: "All"`,
        field: 'dryRun',
      },
    ]);
  }
  const write = <T>(action: () => T): T => (dryRun.length > 0 ? objects.dryRun(action) : action());
  if (name === undefined) {
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
  const objectNamespace = definition.namespaced ? (namespace ?? '') : '';
  switch (method) {
    case 'GET': {
      const options = parseListOptions(url.searchParams);
      if (options.watch || target.legacyWatch) {
        const selector = [
          `metadata.name=${name}`,
          ...(options.fieldSelector === undefined ? [] : [options.fieldSelector]),
        ].join(',');
        return openWatch(
          context,
          request,
          response,
          { ...target, name: undefined },
          { ...options, fieldSelector: selector },
        );
      }
      const revision = currentRevision(store.entry(objectNamespace, name));
      if (revision === undefined) throw statusErrors.notFound(subject);
      if (acceptsTable(request.headers.accept)) {
        const table = printTable(definition, [revision.body], {
          resourceVersion: String(revision.resourceVersion),
          includeObject: url.searchParams.get('includeObject'),
        });
        return writeJson(response, 200, table);
      }
      return writeJson(response, 200, objectJson(definition, revision));
    }
    case 'PUT': {
      const object = asObject(await readBody(request));
      if (object.metadata?.name !== undefined && object.metadata.name !== name) {
        throw statusErrors.badRequest(
          `the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`,
        );
      }
      const named = { ...object, metadata: { ...object.metadata, name } };
      const revision = write(() => objects.update(store, named, namespace));
      return writeJson(response, 200, objectJson(definition, revision));
    }
    case 'PATCH': {
      const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
      if (!patchTypes.has(contentType)) throw statusErrors.unsupportedMediaType(contentType);
      const patch = await readBody(request);
      const existing = currentRevision(store.entry(objectNamespace, name));
      if (existing === undefined) throw statusErrors.notFound(subject);
      const current = JSON.parse(objectJson(definition, existing)) as unknown;
      const patched =
        contentType === 'application/json-patch+json'
          ? applyJsonPatch(current, patch)
          : applyMergePatch(
              current,
              patch,
              contentType === 'application/strategic-merge-patch+json',
            );
      const object = asObject(patched);
      if (object.metadata?.name !== name)
        throw statusErrors.badRequest('the name of the object cannot be changed by a patch');
      const revision = write(() => objects.update(store, object, namespace));
      return writeJson(response, 200, objectJson(definition, revision));
    }
    case 'DELETE': {
      const body = await readBody(request);
      const preconditions =
        typeof body === 'object' && body !== null
          ? (body as { preconditions?: { resourceVersion?: string; uid?: string } }).preconditions
          : undefined;
      const revision = write(() =>
        objects.delete(store, objectNamespace, name, preconditions ?? {}),
      );
      if (definition.deleteAnswer === 'status') {
        const { metadata } = JSON.parse(revision.body) as { metadata: { uid?: string } };
        const details = {
          name,
          ...(definition.group === '' ? {} : { group: definition.group }),
          kind: definition.plural,
          uid: metadata.uid,
        };
        return writeJson(
          response,
          200,
          JSON.stringify({
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Success',
            details,
          }),
        );
      }
      return writeJson(response, 200, objectJson(definition, revision));
    }
    default:
      throw statusErrors.methodNotAllowed();
  }
}

function openWatch(
  context: RequestHandlerContext,
  request: IncomingMessage,
  response: ServerResponse,
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
  connection.open();
}
