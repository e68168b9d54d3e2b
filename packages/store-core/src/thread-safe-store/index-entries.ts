import type { IndexFunc, Indexers } from './index-func';
import { InvalidArgumentError } from '../errors';

/**
 * Checks an `Indexers` object and returns its entries: own enumerable properties only, so names
 * such as `__proto__` or `constructor` are plain index names.
 *
 * @internal
 */
export function indexEntries<T>(
  indexers: Indexers<T> | undefined,
  argument: string,
): [string, IndexFunc<T>][] {
  if (indexers === undefined) return [];
  if (typeof indexers !== 'object' || indexers === null) {
    throw new InvalidArgumentError(argument, 'expected an object of index funcs');
  }
  const entries = Object.entries(indexers);
  for (const [indexName, func] of entries) {
    if (typeof func !== 'function') {
      throw new InvalidArgumentError(
        `${argument}[${JSON.stringify(indexName)}]`,
        `expected a function, got ${typeof func}`,
      );
    }
  }
  return entries;
}
