import type { ApiStatusError } from '@kube-cache/indexer';
import { statusErrors } from '../cluster/api-status';
import { readProtobufFields } from './protobuf-reader';
import type { ProtobufField } from './protobuf-reader';

/**
 * The media type of Kubernetes' protobuf encoding, which kubectl and client-go's typed clients
 * send for built-in kinds.
 */
export const protobufMediaType = 'application/vnd.kubernetes.protobuf';

// How one field of a message maps to JSON. 'server' fields are set by the server whatever the
// client sends (timestamps, selfLink, managedFields), so they are read and dropped.
type FieldSpec =
  | { readonly json: string; readonly as: 'string' | 'int' | 'bool' | 'strings' }
  | { readonly json: string; readonly as: 'stringMap' | 'bytesMap' }
  | { readonly json: string; readonly as: 'message' | 'messages'; readonly schema: Schema }
  | { readonly json: string; readonly as: 'server' };

interface Schema {
  readonly name: string;
  readonly fields: Readonly<Record<number, FieldSpec>>;
}

// Field numbers from k8s.io/apimachinery and k8s.io/api generated.proto.
const ownerReference: Schema = {
  name: 'OwnerReference',
  fields: {
    1: { json: 'kind', as: 'string' },
    3: { json: 'name', as: 'string' },
    4: { json: 'uid', as: 'string' },
    5: { json: 'apiVersion', as: 'string' },
    6: { json: 'controller', as: 'bool' },
    7: { json: 'blockOwnerDeletion', as: 'bool' },
  },
};

const objectMeta: Schema = {
  name: 'ObjectMeta',
  fields: {
    1: { json: 'name', as: 'string' },
    2: { json: 'generateName', as: 'string' },
    3: { json: 'namespace', as: 'string' },
    4: { json: 'selfLink', as: 'server' },
    5: { json: 'uid', as: 'string' },
    6: { json: 'resourceVersion', as: 'string' },
    7: { json: 'generation', as: 'int' },
    8: { json: 'creationTimestamp', as: 'server' },
    9: { json: 'deletionTimestamp', as: 'server' },
    10: { json: 'deletionGracePeriodSeconds', as: 'int' },
    11: { json: 'labels', as: 'stringMap' },
    12: { json: 'annotations', as: 'stringMap' },
    13: { json: 'ownerReferences', as: 'messages', schema: ownerReference },
    14: { json: 'finalizers', as: 'strings' },
    17: { json: 'managedFields', as: 'server' },
  },
};

const metadata = { json: 'metadata', as: 'message', schema: objectMeta } as const;

const kinds: Readonly<Record<string, Schema>> = {
  'v1/ConfigMap': {
    name: 'ConfigMap',
    fields: {
      1: metadata,
      2: { json: 'data', as: 'stringMap' },
      3: { json: 'binaryData', as: 'bytesMap' },
      4: { json: 'immutable', as: 'bool' },
    },
  },
  'v1/Namespace': {
    name: 'Namespace',
    fields: {
      1: metadata,
      2: {
        json: 'spec',
        as: 'message',
        schema: { name: 'NamespaceSpec', fields: { 1: { json: 'finalizers', as: 'strings' } } },
      },
      3: { json: 'status', as: 'server' },
    },
  },
};

const deleteOptions: Schema = {
  name: 'DeleteOptions',
  fields: {
    1: { json: 'gracePeriodSeconds', as: 'int' },
    2: {
      json: 'preconditions',
      as: 'message',
      schema: {
        name: 'Preconditions',
        fields: { 1: { json: 'uid', as: 'string' }, 2: { json: 'resourceVersion', as: 'string' } },
      },
    },
    3: { json: 'orphanDependents', as: 'bool' },
    4: { json: 'propagationPolicy', as: 'string' },
    5: { json: 'dryRun', as: 'strings' },
  },
};

/**
 * The media types the fake decodes in request bodies (other than the PATCH types), as a 415
 * answer names them.
 */
export const decodableMediaTypes: readonly string[] = [
  'application/json',
  `${protobufMediaType} (${[...Object.values(kinds).map((schema) => schema.name), 'DeleteOptions'].join(', ')})`,
];

function schemaFor(apiVersion: string, kind: string): Schema | undefined {
  if (kind === 'DeleteOptions' && (apiVersion === 'v1' || apiVersion === 'meta.k8s.io/v1'))
    return deleteOptions;
  return kinds[`${apiVersion}/${kind}`];
}

function undecodable(detail: string): ApiStatusError {
  return statusErrors.unsupportedMediaType(`${protobufMediaType}: ${detail}`, decodableMediaTypes);
}

function bytesOf(field: ProtobufField, where: string): Buffer {
  if (field.type !== 'bytes') throw statusErrors.badRequest(`${where} is not length-delimited`);
  return field.value;
}

function varintOf(field: ProtobufField, where: string): bigint {
  if (field.type !== 'varint') throw statusErrors.badRequest(`${where} is not a varint`);
  return field.value;
}

function mapEntry(entry: Buffer, binary: boolean): [string, string] {
  let key = '';
  let value = '';
  for (const field of readProtobufFields(entry)) {
    const bytes = bytesOf(field, 'a map entry field');
    if (field.number === 1) key = bytes.toString('utf8');
    else if (field.number === 2) value = binary ? bytes.toString('base64') : bytes.toString('utf8');
  }
  return [key, value];
}

function decodeMessage(message: Buffer, schema: Schema): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  const append = <T>(name: string, value: T): void => {
    const list = (object[name] as T[] | undefined) ?? [];
    list.push(value);
    object[name] = list;
  };
  for (const field of readProtobufFields(message)) {
    const spec = schema.fields[field.number];
    if (spec === undefined) throw undecodable(`field ${field.number} of ${schema.name}`);
    const where = `${schema.name}.${spec.json}`;
    switch (spec.as) {
      case 'server':
        break;
      case 'string':
        object[spec.json] = bytesOf(field, where).toString('utf8');
        break;
      case 'strings':
        append(spec.json, bytesOf(field, where).toString('utf8'));
        break;
      case 'int':
        object[spec.json] = Number(BigInt.asIntN(64, varintOf(field, where)));
        break;
      case 'bool':
        object[spec.json] = varintOf(field, where) !== 0n;
        break;
      case 'stringMap':
      case 'bytesMap': {
        const [key, value] = mapEntry(bytesOf(field, where), spec.as === 'bytesMap');
        const map = (object[spec.json] as Record<string, string> | undefined) ?? {};
        Object.defineProperty(map, key, { value, enumerable: true, writable: true });
        object[spec.json] = map;
        break;
      }
      case 'message':
        object[spec.json] = decodeMessage(bytesOf(field, where), spec.schema);
        break;
      case 'messages':
        append(spec.json, decodeMessage(bytesOf(field, where), spec.schema));
        break;
    }
  }
  return object;
}

/**
 * Decodes a request body in Kubernetes' protobuf encoding (the `k8s\0` envelope around a
 * `runtime.Unknown`) into the object's JSON form, for the kinds the fake decodes: ConfigMap,
 * Namespace and DeleteOptions.
 *
 * @param body - the request body.
 * @returns the object, with `apiVersion` and `kind`.
 * @throws ApiStatusError 415 for another kind, an encoded (compressed) payload or a field the
 *   fake does not decode; 400 for bytes that are not the envelope.
 */
export function decodeProtobufBody(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || body.readUInt32BE(0) !== 0x6b_38_73_00)
    throw statusErrors.badRequest('the protobuf body of the request lacks the k8s envelope');
  let apiVersion = '';
  let kind = '';
  let raw: Buffer = Buffer.alloc(0);
  for (const field of readProtobufFields(body.subarray(4))) {
    if (field.number === 1) {
      for (const typeField of readProtobufFields(bytesOf(field, 'Unknown.typeMeta'))) {
        const text = bytesOf(typeField, 'TypeMeta').toString('utf8');
        if (typeField.number === 1) apiVersion = text;
        else if (typeField.number === 2) kind = text;
      }
    } else if (field.number === 2) raw = bytesOf(field, 'Unknown.raw');
    else if (field.number === 3 && bytesOf(field, 'Unknown.contentEncoding').length > 0)
      throw undecodable('an encoded payload');
  }
  const schema = schemaFor(apiVersion, kind);
  if (schema === undefined) throw undecodable(`kind ${kind || '(none)'} of ${apiVersion}`);
  return { apiVersion, kind, ...decodeMessage(raw, schema) };
}
