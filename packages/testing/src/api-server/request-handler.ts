import { statusErrors, statusForError } from '../cluster/api-status';
import { handleCollection } from './collection-handler';
import { discoveryDocument, fakeServerVersion } from './discovery';
import { writeJson, writeStatus } from './http-messages';
import { handleObject } from './object-handler';
import { openApiDocument } from './openapi-documents';
import { parseResourcePath } from './resource-path';
import type { ResourcePath } from './resource-path';
import type { RequestHandlerContext, ResourceRequest } from './request-context';
import type { ApiRequest, ApiResponse } from './http-exchange';

/**
 * Answers one HTTP request of the Kubernetes API: discovery, list, watch and writes. Every
 * failure becomes a Status answer; nothing thrown escapes.
 *
 * @param context - the server's data and settings.
 * @param request - the request.
 * @param response - the response.
 * @param url - the parsed URL.
 * @returns when the answer is written (or the watch is open).
 */
export async function handleApiRequest(
  context: RequestHandlerContext,
  request: ApiRequest,
  response: ApiResponse,
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
  request: ApiRequest,
  response: ApiResponse,
  url: URL,
  target: ResourcePath,
): Promise<void> {
  const { objects } = context;
  const { store, namespace, name } = target;
  const definition = store.definition;
  const method = request.method ?? 'GET';
  if (definition.namespaced && namespace === undefined && name !== undefined)
    throw statusErrors.resourceNotFound();
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
  const scope: ResourceRequest = { context, request, response, url, target, write };
  return name === undefined ? handleCollection(scope) : handleObject(scope, name);
}
