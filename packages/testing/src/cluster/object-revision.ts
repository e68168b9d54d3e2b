import type { KubeObject } from '@kube-cache/indexer';
import { statusErrors } from './api-status';
import { apiVersionOf } from './resource-definition';
import type { ResourceDefinition } from './resource-definition';
import type { Revision } from './resource-store';

/**
 * The identity of an object being written, after validation.
 */
export interface ValidatedMetadata {
  readonly namespace: string;
  readonly name: string | undefined;
  readonly generateName: string | undefined;
}

const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const generatedSuffixAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

let cachedSecond = -1;
let cachedTimestamp = '';

/**
 * The current time as RFC 3339 at second precision, as the API server writes
 * `creationTimestamp`; cached per second because seeding stamps many objects.
 *
 * @returns the timestamp.
 */
export function timestampNow(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedTimestamp = `${new Date(second * 1000).toISOString().slice(0, 19)}Z`;
  }
  return cachedTimestamp;
}

/**
 * Reads a field of an object by dotted path (`spec.nodeName`) as a field selector sees it:
 * strings as they are, numbers and booleans as text, anything else (or a missing field) as `''`.
 *
 * @param object - the object.
 * @param path - the dotted path.
 * @returns the field's text.
 */
export function fieldText(object: unknown, path: string): string {
  return valueAtPath(object, path) ?? '';
}

function valueAtPath(object: unknown, path: string): string | undefined {
  let current: unknown = object;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return typeof current === 'string' || typeof current === 'number' || typeof current === 'boolean'
    ? String(current)
    : undefined;
}

/**
 * Checks an object about to be written as the API server does: kind and apiVersion, a valid
 * name (or generateName), string label and annotation maps, the namespace against the path.
 *
 * @param definition - the resource.
 * @param object - the object.
 * @param pathNamespace - the namespace from the request path, if any.
 * @returns the namespace, name and generateName to write with.
 * @throws ApiStatusError 400 (kind, apiVersion or namespace mismatch) or 422 (invalid fields).
 */
export function validateWrite(
  definition: ResourceDefinition,
  object: KubeObject,
  pathNamespace: string | undefined,
): ValidatedMetadata {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    throw statusErrors.badRequest('the body of the request must be a JSON object');
  }
  if (object.kind !== undefined && object.kind !== definition.kind) {
    throw statusErrors.badRequest(
      `the kind of the object (${String(object.kind)}) does not match the resource (${definition.kind})`,
    );
  }
  if (object.apiVersion !== undefined && object.apiVersion !== apiVersionOf(definition)) {
    throw statusErrors.badRequest(
      `the API version in the data (${String(object.apiVersion)}) does not match the expected API version (${apiVersionOf(definition)})`,
    );
  }
  const metadata = object.metadata ?? {};
  const name = metadata.name === '' ? undefined : metadata.name;
  const generateName = metadata.generateName === '' ? undefined : metadata.generateName;
  const causes: { reason: string; message: string; field: string }[] = [];
  if (name === undefined && generateName === undefined) {
    causes.push({
      reason: 'FieldValueRequired',
      message: 'Required value: name or generateName is required',
      field: 'metadata.name',
    });
  } else if (
    name !== undefined &&
    (typeof name !== 'string' || name.length > 253 || !dnsSubdomain.test(name))
  ) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: "${String(name)}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
      field: 'metadata.name',
    });
  }
  for (const [field, value] of [
    ['metadata.labels', metadata.labels],
    ['metadata.annotations', metadata.annotations],
  ] as const) {
    if (
      value !== undefined &&
      value !== null &&
      (typeof value !== 'object' || Object.values(value).some((item) => typeof item !== 'string'))
    ) {
      causes.push({
        reason: 'FieldValueInvalid',
        message: 'Invalid value: must be a map of strings',
        field,
      });
    }
  }
  let namespace = '';
  if (definition.namespaced) {
    const bodyNamespace = metadata.namespace ?? '';
    if (pathNamespace !== undefined && bodyNamespace !== '' && bodyNamespace !== pathNamespace) {
      throw statusErrors.badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    namespace = pathNamespace ?? bodyNamespace;
    if (namespace === '')
      causes.push({
        reason: 'FieldValueRequired',
        message: 'Required value',
        field: 'metadata.namespace',
      });
  }
  if (causes.length > 0)
    throw statusErrors.invalid(definition.kind, definition.group, name ?? '', causes);
  return { namespace, name, generateName };
}

/**
 * Builds the stored revision of an object: server-set metadata (name, namespace, uid,
 * resourceVersion, creationTimestamp) over the caller's, the JSON body without apiVersion and
 * kind, and copies of the labels and selectable fields for selectors.
 *
 * @param definition - the resource.
 * @param object - the object as written.
 * @param stamp - the server-set metadata.
 * @returns the revision.
 */
export function buildRevision(
  definition: ResourceDefinition,
  object: KubeObject,
  stamp: {
    namespace: string;
    name: string;
    resourceVersion: number;
    uid: string;
    creationTimestamp: string;
  },
): Revision {
  const {
    apiVersion: _apiVersion,
    kind: _kind,
    metadata = {},
    ...rest
  } = object as KubeObject & Record<string, unknown>;
  const {
    namespace: _namespace,
    resourceVersion: _resourceVersion,
    uid: _uid,
    creationTimestamp: _creation,
    ...otherMetadata
  } = metadata as Record<string, unknown>;
  const finalMetadata: Record<string, unknown> = {
    ...otherMetadata,
    name: stamp.name,
    ...(definition.namespaced ? { namespace: stamp.namespace } : {}),
    uid: stamp.uid,
    resourceVersion: String(stamp.resourceVersion),
    creationTimestamp: stamp.creationTimestamp,
  };
  const finalObject = { metadata: finalMetadata, ...rest };
  return revisionOf(definition, finalObject, stamp.resourceVersion);
}

/**
 * The revision of an object stored as it is (the in-process fake's writes: no validation, no
 * server-set metadata), with its labels and the selectable fields of its resource copied out
 * for selectors.
 *
 * @param definition - the resource (for its scope and selectable fields).
 * @param object - the object as stored, with its `metadata.resourceVersion` set.
 * @param resourceVersion - the revision's resourceVersion.
 * @returns the revision.
 */
export function revisionOf(
  definition: ResourceDefinition,
  object: object,
  resourceVersion: number,
): Revision {
  const metadata = (object as { metadata?: Record<string, unknown> }).metadata ?? {};
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const fields: Record<string, string> = { 'metadata.name': text(metadata['name']) };
  if (definition.namespaced) fields['metadata.namespace'] = text(metadata['namespace']);
  for (const [field, path] of Object.entries(definition.selectableFields ?? {})) {
    fields[field] = fieldText(object, path);
  }
  // A copy: the caller may change its object after the write.
  const labels = { ...(metadata['labels'] ?? {}) } as Record<string, string>;
  return { resourceVersion, body: JSON.stringify(object), deleted: false, labels, fields };
}

/**
 * A random five-character suffix for `generateName`, from the API server's alphabet.
 *
 * @returns the suffix.
 */
export function randomNameSuffix(): string {
  let suffix = '';
  for (let index = 0; index < 5; index += 1) {
    suffix +=
      generatedSuffixAlphabet[Math.floor(Math.random() * generatedSuffixAlphabet.length)] ?? 'x';
  }
  return suffix;
}
