import { parseFieldSelector, parseLabelSelector, SelectorParseError } from '@kube-cache/indexer';
import type { FieldSelector, KubeObject, LabelSelector, ListOptions } from '@kube-cache/indexer';
import { statusError } from '../cluster/status-body';

/**
 * Whether an object passes a list or watch request's selectors.
 *
 * @since 0.1.0
 */
export type ObjectFilter<T> = (object: T) => boolean;

/**
 * Reads a field of an object by dotted path (`metadata.name`, `spec.nodeName`) as a field
 * selector sees it: strings as they are, numbers and booleans as text, anything else (or a
 * missing field) as the empty string.
 *
 * @param object - the object.
 * @param path - the dotted path.
 * @returns the field's text.
 * @since 0.1.0
 */
export function readFieldText(object: unknown, path: string): string {
  let value: unknown = object;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return '';
    value = (value as Record<string, unknown>)[part];
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function parseSelectors(options: ListOptions): { labels: LabelSelector; fields: FieldSelector } {
  try {
    return {
      labels: parseLabelSelector(options.labelSelector ?? ''),
      fields: parseFieldSelector(options.fieldSelector ?? ''),
    };
  } catch (error) {
    if (!SelectorParseError.isInstance(error)) throw error;
    throw statusError({ status: 400, reason: 'BadRequest', message: error.message });
  }
}

/**
 * Compiles the `labelSelector` and `fieldSelector` of a request into one filter. Unlike the API
 * server, which only allows a few fields per resource, a field selector may name any dotted path
 * of the object.
 *
 * @param options - the request's options.
 * @returns the filter, and whether any selector was given.
 * @throws `ApiStatusError` 400 `BadRequest` when a selector does not parse.
 * @since 0.1.0
 */
export function createObjectFilter<T extends KubeObject>(
  options: ListOptions,
): { filter: ObjectFilter<T>; selective: boolean } {
  const { labels, fields } = parseSelectors(options);
  if (labels.isEmpty() && fields.isEmpty()) return { filter: () => true, selective: false };
  const fieldNames = [...new Set(fields.requirements.map((requirement) => requirement.field))];
  const filter = (object: T): boolean => {
    if (!labels.matches(object.metadata?.labels)) return false;
    if (fields.isEmpty()) return true;
    const values: Record<string, string> = {};
    for (const name of fieldNames) values[name] = readFieldText(object, name);
    return fields.matches(values);
  };
  return { filter, selective: true };
}
