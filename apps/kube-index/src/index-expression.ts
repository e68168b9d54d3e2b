import { FieldPathError, indexByField, indexByLabel } from '@kube-cache/indexer';
import type { IndexFunc, KubeObject } from '@kube-cache/indexer';
import { KubeIndexError } from './kube-index-error';

/**
 * A compiled `--index-by` expression: a description and the function that reads the values.
 *
 * @since 0.1.0
 */
export interface IndexExpression {
  /** What is indexed, for headings: `label app`, `field spec.nodeName`. */
  description: string;
  /** The index values of an object; empty when it has none. */
  values: (object: unknown) => string[];
}

/**
 * Compiles an index expression.
 *
 * - `label:KEY` and `metadata.labels.KEY`: the label's value (KEY may contain dots and slashes,
 *   as `app.kubernetes.io/name` does).
 * - `annotation:KEY` and `metadata.annotations.KEY`: the annotation's value.
 * - any other dotted path, optionally written as kubectl's `{.spec.nodeName}`: the field's value;
 *   a list on the way is walked element by element, so `spec.containers.image` gives every
 *   image, and a numeric segment picks one element (`spec.containers.0.image`). Strings,
 *   numbers and booleans are values; objects and null are not.
 *
 * The index funcs are `@kube-cache/indexer`'s `indexByLabel` and `indexByField`.
 *
 * @param text - the expression.
 * @returns the compiled expression.
 * @throws {@link KubeIndexError} (exit code 2) for an empty key or path.
 * @example
 * ```ts
 * compileIndexExpression('metadata.labels.app').values({ metadata: { labels: { app: 'web' } } }); // ['web']
 * ```
 * @since 0.1.0
 */
export function compileIndexExpression(text: string): IndexExpression {
  const trimmed = text
    .trim()
    .replace(/^\{(.*)\}$/, '$1')
    .replace(/^\./, '');
  const labelKey = prefixed(trimmed, ['label:', 'labels:', 'metadata.labels.']);
  if (labelKey !== undefined) {
    if (labelKey === '') throw invalid(text, 'a label key, for example label:app');
    return { description: `label ${labelKey}`, values: lenient(indexByLabel(labelKey)) };
  }
  const annotationKey = prefixed(trimmed, ['annotation:', 'annotations:', 'metadata.annotations.']);
  if (annotationKey !== undefined) {
    if (annotationKey === '')
      throw invalid(text, 'an annotation key, for example annotation:owner');
    return {
      description: `annotation ${annotationKey}`,
      values: lenient(indexByField(['metadata', 'annotations', annotationKey])),
    };
  }
  const path = trimmed.split('.');
  if (path.some((segment) => segment === ''))
    throw invalid(text, 'a field path like spec.nodeName');
  return { description: `field ${path.join('.')}`, values: lenient(indexByField(path)) };
}

function prefixed(text: string, prefixes: readonly string[]): string | undefined {
  const prefix = prefixes.find((candidate) => text.startsWith(candidate));
  return prefix === undefined ? undefined : text.slice(prefix.length);
}

// The index funcs throw for a path that ends in an object (`spec`); for a CLI over arbitrary
// objects that is simply "no value here", not a reason to fail.
function lenient(indexFunc: IndexFunc<KubeObject>): (object: unknown) => string[] {
  return (object) => {
    if (typeof object !== 'object' || object === null) return [];
    try {
      return indexFunc(object);
    } catch (error) {
      if (FieldPathError.isInstance(error)) return [];
      throw error;
    }
  };
}

function invalid(text: string, expected: string): KubeIndexError {
  return new KubeIndexError(`kube-index: cannot index by '${text}': expected ${expected}`, {
    exitCode: 2,
  });
}
