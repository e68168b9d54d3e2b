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
 *   image. Strings, numbers and booleans are values; objects and null are not.
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
  const trimmed = text.trim().replace(/^\{(.*)\}$/, '$1').replace(/^\./, '');
  const labelKey = prefixed(trimmed, ['label:', 'labels:', 'metadata.labels.']);
  if (labelKey !== undefined) return mapEntry('label', 'labels', labelKey, text);
  const annotationKey = prefixed(trimmed, ['annotation:', 'annotations:', 'metadata.annotations.']);
  if (annotationKey !== undefined) return mapEntry('annotation', 'annotations', annotationKey, text);
  const path = trimmed.split('.');
  if (path.some((segment) => segment === '')) throw invalid(text, 'a field path like spec.nodeName');
  return { description: `field ${path.join('.')}`, values: (object) => fieldValues(object, path) };
}

function prefixed(text: string, prefixes: readonly string[]): string | undefined {
  const prefix = prefixes.find((candidate) => text.startsWith(candidate));
  return prefix === undefined ? undefined : text.slice(prefix.length);
}

function mapEntry(kind: 'label' | 'annotation', field: 'labels' | 'annotations', key: string, text: string): IndexExpression {
  if (key === '') throw invalid(text, `a ${kind} key, for example ${kind}:app`);
  return {
    description: `${kind} ${key}`,
    values: (object) => {
      const value = readPath(object, ['metadata', field, key]);
      return typeof value === 'string' ? [value] : [];
    },
  };
}

function readPath(object: unknown, path: readonly string[]): unknown {
  let current = object;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function fieldValues(object: unknown, path: readonly string[]): string[] {
  const values = new Set<string>();
  const visit = (current: unknown, depth: number): void => {
    if (Array.isArray(current)) {
      for (const element of current) visit(element, depth);
      return;
    }
    if (depth === path.length) {
      if (typeof current === 'string' || typeof current === 'number' || typeof current === 'boolean') values.add(String(current));
      return;
    }
    if (typeof current === 'object' && current !== null) {
      visit((current as Record<string, unknown>)[path[depth] ?? ''], depth + 1);
    }
  };
  visit(object, 0);
  return [...values];
}

function invalid(text: string, expected: string): KubeIndexError {
  return new KubeIndexError(`kube-index: cannot index by '${text}': expected ${expected}`, { exitCode: 2 });
}
