import { statusErrors } from './api-status';
import type { ResourceDefinition } from './resource-definition';
import type { Revision, StoreEntry } from './resource-store';
import { parseFieldSelector, parseLabelSelector } from '@kube-cache/indexer';

/**
 * Decides whether a stored revision is part of a list or watch: namespace, label selector and
 * field selector together.
 */
export interface ObjectFilter {
  /** The namespace of the request, or undefined for all namespaces. */
  readonly namespace: string | undefined;
  /** Whether any label or field selector is set (the real server then omits remainingItemCount). */
  readonly selective: boolean;
  matches(entry: StoreEntry, revision: Revision): boolean;
}

/**
 * Compiles the filter of a request.
 *
 * @param definition - the resource (for its selectable fields).
 * @param namespace - the namespace from the path, if any.
 * @param labelSelector - the `labelSelector` query parameter.
 * @param fieldSelector - the `fieldSelector` query parameter.
 * @returns the filter.
 * @throws ApiStatusError 400 for a selector that does not parse or names an unsupported field.
 */
export function compileObjectFilter(
  definition: ResourceDefinition,
  namespace: string | undefined,
  labelSelector: string | undefined,
  fieldSelector: string | undefined,
): ObjectFilter {
  const labels =
    labelSelector === undefined || labelSelector.trim() === ''
      ? undefined
      : parseOrBadRequest(() => parseLabelSelector(labelSelector));
  const fields =
    fieldSelector === undefined || fieldSelector.trim() === ''
      ? undefined
      : parseOrBadRequest(() => parseFieldSelector(fieldSelector));
  if (fields !== undefined) {
    const supported = new Set([
      'metadata.name',
      ...(definition.namespaced ? ['metadata.namespace'] : []),
      ...Object.keys(definition.selectableFields ?? {}),
    ]);
    for (const { field } of fields.requirements) {
      if (!supported.has(field)) {
        const known = [...supported].map((name) => `"${name}"`).join(', ');
        throw statusErrors.badRequest(`"${field}" is not a known field selector: only ${known}`);
      }
    }
  }
  const scopedNamespace = definition.namespaced ? namespace : undefined;
  return {
    namespace: scopedNamespace,
    selective: labels !== undefined || fields !== undefined,
    matches(entry, revision) {
      if (scopedNamespace !== undefined && entry.namespace !== scopedNamespace) return false;
      if (labels !== undefined && !labels.matches(revision.labels)) return false;
      return fields === undefined || fields.matches(revision.fields);
    },
  };
}

function parseOrBadRequest<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw statusErrors.badRequest(error instanceof Error ? error.message : String(error));
  }
}
