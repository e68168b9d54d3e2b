import type { KubeObject, Status } from '@kube-cache/indexer';
import { statusErrors } from '../cluster/api-status';
import { decodableMediaTypes, decodeProtobufBody, protobufMediaType } from './protobuf-body';
import type { ResourceDefinition } from '../cluster/resource-definition';
import { apiVersionOf } from '../cluster/resource-definition';
import type { ListPage } from '../cluster/list-collection';
import type { Revision, ResourceStore } from '../cluster/resource-store';
import type { ApiRequest, ApiResponse } from './http-exchange';

const maximumBodyBytes = 8 * 1024 * 1024;

/**
 * The JSON text of a stored object with `apiVersion` and `kind`, as single-object responses and
 * watch events carry it.
 *
 * @param definition - the resource.
 * @param revision - the stored revision.
 * @returns the JSON text.
 */
export function objectJson(definition: ResourceDefinition, revision: Revision): string {
  return `{"kind":${JSON.stringify(definition.kind)},"apiVersion":${JSON.stringify(apiVersionOf(definition))},${revision.body.slice(1)}`;
}

/**
 * Writes a Status answer.
 *
 * @param response - the response.
 * @param status - the Status; its `code` is the HTTP status.
 */
export function writeStatus(response: ApiResponse, status: Status): void {
  const code = status.code ?? 500;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (status.details?.retryAfterSeconds !== undefined)
    headers['Retry-After'] = String(status.details.retryAfterSeconds);
  response.writeHead(code, headers).end(JSON.stringify(status));
}

/**
 * Writes a JSON answer.
 *
 * @param response - the response.
 * @param code - the HTTP status.
 * @param json - the JSON text.
 */
export function writeJson(response: ApiResponse, code: number, json: string): void {
  response.writeHead(code, { 'Content-Type': 'application/json' }).end(json);
}

/**
 * The media type of a request body: its `Content-Type` without parameters, in lower case.
 *
 * @param request - the request.
 * @returns the media type, `''` when there is none.
 */
export function mediaTypeOf(request: ApiRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

// JSON and the JSON patch types (which the PATCH handler checks first); protobuf is decoded apart.
function isJsonMediaType(mediaType: string): boolean {
  return mediaType === '' || mediaType === 'application/json' || mediaType.endsWith('+json');
}

/**
 * Reads and parses a request body (up to 8 MiB): JSON, or Kubernetes protobuf for the kinds
 * kubectl sends that way (ConfigMap, Namespace, DeleteOptions).
 *
 * @param request - the request.
 * @returns the parsed body, or undefined for an empty one.
 * @throws ApiStatusError 415 for a body in a format (or a protobuf kind) the fake does not
 *   decode, 400 for a body that is too large or malformed.
 */
export async function readBody(request: ApiRequest): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const received of request) {
    const chunk = Buffer.isBuffer(received) ? received : Buffer.from(String(received));
    size += chunk.length;
    if (size > maximumBodyBytes) throw statusErrors.badRequest('request body too large');
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  const mediaType = mediaTypeOf(request);
  if (mediaType === protobufMediaType && body.length > 0) return decodeProtobufBody(body);
  const text = body.toString('utf8');
  if (text.trim() === '') return undefined;
  if (!isJsonMediaType(mediaType))
    throw statusErrors.unsupportedMediaType(mediaType, decodableMediaTypes);
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed;
  } catch (error) {
    throw statusErrors.badRequest(
      `the body of the request was not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * Narrows a request body to an object.
 *
 * @param body - the parsed body.
 * @returns the body as an object.
 * @throws ApiStatusError 400 when the body is not a JSON object.
 */
export function asObject(body: unknown): KubeObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw statusErrors.badRequest('the body of the request must be a JSON object');
  return body;
}

/**
 * Serialises a list page as the real server does (`PodList` with metadata, then items).
 *
 * @param store - the resource.
 * @param page - the page.
 * @returns the JSON text.
 */
export function serializeListPage(store: ResourceStore, page: ListPage): string {
  const definition = store.definition;
  const metadata: Record<string, unknown> = { resourceVersion: String(page.resourceVersion) };
  if (page.continue !== undefined) metadata['continue'] = page.continue;
  if (page.remainingItemCount !== undefined)
    metadata['remainingItemCount'] = page.remainingItemCount;
  const head = JSON.stringify({
    kind: definition.listKind ?? `${definition.kind}List`,
    apiVersion: apiVersionOf(definition),
    metadata,
  });
  return `${head.slice(0, -1)},"items":[${page.items.join(',')}]}`;
}
