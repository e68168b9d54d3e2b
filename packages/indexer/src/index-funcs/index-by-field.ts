import type { IndexFunc } from '@kube-cache/store-core';
import { FieldPathError } from '../errors';

const arrayIndex = /^(?:0|[1-9]\d*)$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Builds an index func that files each object under the value found at a field path, for example
 * `spec.nodeName`, `metadata.labels.app` or `spec.containers.image`.
 *
 * - Only own properties are followed, so `constructor` or `__proto__` never reach the prototype.
 * - An array met along the way is expanded: `spec.containers.image` yields every container's image
 *   (a numeric segment such as `spec.containers.0.image` picks one element instead).
 * - A string leaf is the value; a number, boolean or bigint leaf is converted with `String`; an
 *   array leaf contributes each of its elements; a missing, `null` or `undefined` leaf contributes
 *   nothing. Values are de-duplicated.
 * - Pass the segments as an array when a key contains a dot:
 *   `['metadata', 'labels', 'app.kubernetes.io/name']`.
 *
 * @param path - the field path, dot-separated or as an array of segments.
 * @returns the index func.
 * @throws FieldPathError when the path is empty or has an empty segment; the returned func throws
 *   it when the leaf is an object.
 * @example
 * ```ts
 * const pods = new Cache<Pod>(metaNamespaceKeyFunc, { node: indexByField('spec.nodeName') });
 * pods.byIndex('node', 'node-a');
 * ```
 * @since 0.1.0
 */
export function indexByField<T = unknown>(path: string | readonly string[]): IndexFunc<T> {
  const segments = typeof path === 'string' ? path.split('.') : [...path];
  const pathText = segments.join('.');
  if (
    segments.length === 0 ||
    segments.some((segment) => typeof segment !== 'string' || segment === '')
  ) {
    throw new FieldPathError(pathText, 'expected non-empty segments');
  }
  return (object) => {
    // Fast path: plain objects all the way down to a string, as in `spec.nodeName`.
    let current: unknown = object;
    for (const segment of segments) {
      if (!isObject(current) || Array.isArray(current)) return collect(object, segments, pathText);
      if (!Object.hasOwn(current, segment)) return [];
      current = current[segment];
    }
    if (typeof current === 'string') return [current];
    return leafValues([current], pathText);
  };
}

function collect(object: unknown, segments: readonly string[], pathText: string): string[] {
  let current: unknown[] = [object];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const value of current) {
      if (Array.isArray(value) && !arrayIndex.test(segment)) {
        for (const element of value) {
          if (isObject(element) && Object.hasOwn(element, segment)) next.push(element[segment]);
        }
      } else if (isObject(value) && Object.hasOwn(value, segment)) {
        next.push(value[segment]);
      }
    }
    current = next;
  }
  return leafValues(current, pathText);
}

function leafValues(leaves: readonly unknown[], pathText: string): string[] {
  const values = new Set<string>();
  const addPrimitive = (value: unknown): void => {
    if (value === null || value === undefined) return;
    if (typeof value === 'string') values.add(value);
    else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
      values.add(String(value));
    } else {
      throw new FieldPathError(pathText, `cannot index a value of type ${typeof value}`);
    }
  };
  for (const leaf of leaves) {
    if (Array.isArray(leaf)) for (const element of leaf) addPrimitive(element);
    else addPrimitive(leaf);
  }
  return [...values];
}
