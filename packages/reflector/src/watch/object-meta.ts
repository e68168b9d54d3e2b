/**
 * The metadata fields the reflector reads from an object of unknown shape.
 */
export interface ReadMeta {
  name: string | undefined;
  namespace: string | undefined;
  resourceVersion: string | undefined;
  annotations: Record<string, unknown> | undefined;
}

/**
 * Reads `metadata` from any value, or `undefined` when there is no metadata object.
 *
 * @param object - anything.
 * @returns the metadata fields the reflector needs.
 */
export function readMeta(object: unknown): ReadMeta | undefined {
  if (!isRecord(object) || !isRecord(object.metadata)) return undefined;
  const { name, namespace, resourceVersion, annotations } = object.metadata;
  return {
    name: typeof name === 'string' ? name : undefined,
    namespace: typeof namespace === 'string' ? namespace : undefined,
    resourceVersion: typeof resourceVersion === 'string' ? resourceVersion : undefined,
    annotations: isRecord(annotations) ? annotations : undefined,
  };
}

/**
 * Whether `value` is a plain (non-array) object.
 *
 * @param value - anything.
 * @returns `true` for an object that is not null and not an array.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
