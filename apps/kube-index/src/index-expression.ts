import { FieldPathError, indexByField, indexByLabel } from '@kube-cache/indexer';
import { evaluateJsonPath, JsonPathSyntaxError, parseJsonPath, printJsonPath } from './json-path';
import { KubeIndexError } from './kube-index-error';

/**
 * A compiled `--index-by` expression: a description and the function that reads the values.
 */
export interface IndexExpression {
  /** What is indexed, for headings: `label app`, `field spec.nodeName`. */
  description: string;
  /** The index values of an object; empty when it has none. */
  values: (object: unknown) => string[];
  /**
   * What the expression selects in an object, for the checks after the sync: whether it found
   * anything at all, and the first object or list of objects it found (not an index value).
   */
  inspect: (object: unknown) => { matched: boolean; nonValue: unknown };
}

/**
 * Compiles an index expression.
 *
 * - `label:KEY`, and unbraced `metadata.labels.KEY`: the label's value (KEY may contain dots and
 *   slashes, as `app.kubernetes.io/name` does).
 * - `annotation:KEY`, and unbraced `metadata.annotations.KEY`: the annotation's value.
 * - anything else is a path in kubectl's JSONPath forms ({@link parseJsonPath}):
 *   `{.spec.nodeName}`, `.spec.nodeName`, `spec.nodeName`, `{.spec.containers[*].image}` (every
 *   image), `{.metadata.labels['app.kubernetes.io/name']}`. A list on the way is walked element by
 *   element also without `[*]` (`spec.containers.image`), and a numeric step picks one element
 *   (`spec.containers.0.image`). Strings, numbers and booleans are values, a list of them gives
 *   each; objects and null are not values.
 *
 * @param text - the expression.
 * @returns the compiled expression.
 * @throws {@link KubeIndexError} (exit code 2) with one line saying why, for an empty key or a
 *   path that does not parse.
 * @example
 * ```ts
 * compileIndexExpression('{.spec.containers[*].image}').values(pod); // ['nginx:1.27', 'envoy:1.30']
 * ```
 */
export function compileIndexExpression(text: string): IndexExpression {
  const trimmed = text.trim();
  // kubectl's relaxed form without braces; with braces, labels follow JSONPath (`\.` or ['...']).
  const relaxed = trimmed.startsWith('{') ? '' : trimmed.replace(/^\$?\./, '');
  const labelKey = prefixed(trimmed, ['label:', 'labels:']) ?? relaxedKey(relaxed, 'labels');
  if (labelKey !== undefined) {
    if (labelKey === '') throw invalid(text, 'expected a label key, for example label:app');
    return keyExpression(`label ${labelKey}`, indexByLabel(labelKey));
  }
  const annotationKey =
    prefixed(trimmed, ['annotation:', 'annotations:']) ?? relaxedKey(relaxed, 'annotations');
  if (annotationKey !== undefined) {
    if (annotationKey === '')
      throw invalid(text, 'expected an annotation key, for example annotation:owner');
    return keyExpression(
      `annotation ${annotationKey}`,
      indexByField(['metadata', 'annotations', annotationKey]),
    );
  }
  let path;
  try {
    path = parseJsonPath(trimmed);
  } catch (error) {
    if (JsonPathSyntaxError.isInstance(error)) throw invalid(text, error.message);
    throw error;
  }
  const printed = printJsonPath(path).slice(1, -1);
  return {
    description: `field ${printed.startsWith('.') ? printed.slice(1) : printed}`,
    values: (object) => {
      const values = new Set<string>();
      for (const leaf of evaluateJsonPath(path, object)) addValues(leaf, values);
      return [...values];
    },
    inspect: (object) => {
      const leaves = evaluateJsonPath(path, object);
      return {
        matched: leaves.some((leaf) => leaf !== null && leaf !== undefined),
        nonValue: leaves.find(isNonValue),
      };
    },
  };
}

function addValues(leaf: unknown, into: Set<string>): void {
  if (Array.isArray(leaf)) {
    for (const element of leaf as unknown[]) if (!Array.isArray(element)) addValues(element, into);
  } else if (typeof leaf === 'string') into.add(leaf);
  else if (typeof leaf === 'number' || typeof leaf === 'boolean' || typeof leaf === 'bigint')
    into.add(String(leaf));
}

function isNonValue(leaf: unknown): boolean {
  if (Array.isArray(leaf))
    return leaf.some((element) => typeof element === 'object' && element !== null);
  return typeof leaf === 'object' && leaf !== null;
}

function keyExpression(
  description: string,
  indexFunc: (object: Record<string, unknown>) => string[],
): IndexExpression {
  const values = (object: unknown): string[] => {
    if (typeof object !== 'object' || object === null) return [];
    try {
      return indexFunc(object as Record<string, unknown>);
    } catch (error) {
      // An annotation that is not a string (only in a malformed object) is no value.
      if (FieldPathError.isInstance(error)) return [];
      throw error;
    }
  };
  return {
    description,
    values,
    inspect: (object) => ({ matched: values(object).length > 0, nonValue: undefined }),
  };
}

function relaxedKey(relaxed: string, map: 'labels' | 'annotations'): string | undefined {
  const key = prefixed(relaxed, [`metadata.${map}.`]);
  // Brackets, quotes and escapes mean a JSONPath; plain dots and slashes belong to the key.
  return key !== undefined && !/[[\]'"\\]/.test(key) ? key : undefined;
}

function prefixed(text: string, prefixes: readonly string[]): string | undefined {
  const prefix = prefixes.find((candidate) => text.startsWith(candidate));
  return prefix === undefined ? undefined : text.slice(prefix.length);
}

function invalid(text: string, expected: string): KubeIndexError {
  return new KubeIndexError(`kube-index: cannot index by '${text}': ${expected}`, {
    exitCode: 2,
  });
}
