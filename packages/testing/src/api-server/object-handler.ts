import { statusErrors } from '../cluster/api-status';
import { asObject, mediaTypeOf, objectJson, readBody, writeJson } from './http-messages';
import { parseListOptions } from './list-query';
import { openWatch } from './open-watch';
import { applyJsonPatch, applyMergePatch } from './patch-documents';
import type { ResourceRequest } from './request-context';
import { currentRevision } from '../cluster/resource-store';
import { acceptsTable, printTable } from './table-output';

const patchTypes = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

/**
 * Answers a request on one object: get (or watch it), replace, patch, delete.
 *
 * @param scope - the parsed request.
 * @param name - the object's name.
 * @returns when the answer is written (or the watch is open).
 * @throws ApiStatusError for anything the real server refuses.
 */
export async function handleObject(scope: ResourceRequest, name: string): Promise<void> {
  const { context, request, response, url, target, write } = scope;
  const { objects } = context;
  const { store, namespace } = target;
  const definition = store.definition;
  const method = request.method ?? 'GET';
  const subject = { group: definition.group, plural: definition.plural, name };
  const objectNamespace = store.scopeOf(namespace);
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
      const contentType = mediaTypeOf(request);
      if (!patchTypes.includes(contentType))
        throw statusErrors.unsupportedMediaType(contentType, patchTypes);
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
