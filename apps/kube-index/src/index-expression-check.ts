import type { IndexExpression } from './index-expression';

/**
 * What {@link checkIndexExpression} found: an error when the expression selects objects (not
 * index values), a warning when it selected nothing in any object.
 */
export interface IndexExpressionCheck {
  /** One line: the expression selects an object or a list of objects (exit code 2). */
  error?: string | undefined;
  /** One line: the expression matched nothing in any object. */
  warning?: string | undefined;
}

/**
 * Checks an `--index-by` expression against the synced objects. An object is not an index value
 * (as kubectl's `--sort-by` refuses to sort by one), so `spec` is an error naming the fields
 * inside it; a path that matched nothing in any object (`spec.nope`, a typo) is a warning, since
 * every object then lands on the `<none>` row. No objects: nothing to say.
 *
 * @param expression - the compiled expression.
 * @param text - the expression as typed, for the messages.
 * @param objects - the cache's keys and objects.
 * @param resource - the resource's name for the warning, e.g. `pods`.
 * @returns the error and/or warning, each one line.
 * @example
 * ```ts
 * checkIndexExpression(compileIndexExpression('spec'), 'spec', [{ key: 'a/b', object: pod }], 'pods').error;
 * // "kube-index: cannot index by 'spec': it selects an object in a/b (fields: nodeName, containers), not a value; ..."
 * ```
 */
export function checkIndexExpression(
  expression: IndexExpression,
  text: string,
  objects: Iterable<{ key: string; object: unknown }>,
  resource: string,
): IndexExpressionCheck {
  let count = 0;
  let matched = false;
  for (const { key, object } of objects) {
    count += 1;
    const found = expression.inspect(object);
    if (found.nonValue !== undefined) return { error: nonValueError(text, key, found.nonValue) };
    matched ||= found.matched;
  }
  if (count === 0 || matched) return {};
  const dottedKey = /^\{?\.?metadata\.(labels|annotations)\.[^.]+\./.test(text.trim())
    ? "; a key with dots is written with \\. or ['...'], e.g. {.metadata.labels.app\\.kubernetes\\.io/name}, or as label:KEY"
    : '';
  return {
    warning: `kube-index: warning: '${text}' matched nothing in any of the ${count} ${resource}, so all are under <none>${dottedKey}`,
  };
}

function nonValueError(text: string, key: string, value: unknown): string {
  const list = Array.isArray(value);
  const sample: unknown = list ? value.find((element) => typeof element === 'object') : value;
  const allFields = typeof sample === 'object' && sample !== null ? Object.keys(sample) : [];
  const fields = allFields.slice(0, 6);
  const more = allFields.length > fields.length ? ', ...' : '';
  const what = list ? 'a list of objects' : 'an object';
  const inside = list ? 'a field of its elements (add [*].FIELD)' : 'a field inside it';
  return (
    `kube-index: cannot index by '${text}': it selects ${what} in ${key}` +
    `${fields.length > 0 ? ` (fields: ${fields.join(', ')}${more})` : ''}, not a value; ` +
    `index by ${inside}`
  );
}
