import type { IndexFunc } from './index-func';
import { IndexFuncError } from '../errors';

/**
 * One named index: its func and its buckets (index value to the objects filed under it, by store
 * key).
 *
 * A bucket keeps the objects themselves, not just keys, so `byIndex` is one pass over the
 * bucket's values with no lookups in the main map, whether or not anything changed since the
 * last read. An update that keeps an object's index values swaps the object in place. A bucket
 * that becomes empty is removed, so short-lived values do not leak.
 *
 * @internal
 */
export interface StoreIndex<T> {
  readonly name: string;
  readonly func: IndexFunc<T>;
  readonly buckets: Map<string, Map<string, T>>;
}

/** @internal */
export const NO_VALUES: readonly string[] = Object.freeze([]);

/**
 * Runs an index func and checks its answer; any failure becomes an {@link IndexFuncError}.
 *
 * @internal
 */
export function computeIndexValues<T>(
  index: StoreIndex<T>,
  object: T,
  key: string | undefined,
): readonly string[] {
  let values: unknown;
  try {
    values = index.func(object);
  } catch (error) {
    throw new IndexFuncError({ indexName: index.name, key, cause: error });
  }
  if (!Array.isArray(values)) {
    throw new IndexFuncError({
      indexName: index.name,
      key,
      cause: new TypeError(
        `the index func returned ${values === null ? 'null' : typeof values}, not an array of strings`,
      ),
    });
  }
  for (let position = 0; position < values.length; position++) {
    const value: unknown = values[position];
    if (typeof value !== 'string') {
      throw new IndexFuncError({
        indexName: index.name,
        key,
        cause: new TypeError(
          `the index func returned a ${value === null ? 'null' : typeof value} at position ${position}, not a string`,
        ),
      });
    }
  }
  return values as string[];
}

/** @internal */
export function addToIndex<T>(index: StoreIndex<T>, value: string, key: string, object: T): void {
  const buckets = index.buckets;
  let bucket = buckets.get(value);
  if (bucket === undefined) {
    bucket = new Map<string, T>();
    buckets.set(value, bucket);
  }
  bucket.set(key, object);
}

/** @internal */
export function removeFromIndex<T>(index: StoreIndex<T>, value: string, key: string): void {
  const bucket = index.buckets.get(value);
  // Absent when an index func listed the same value twice: the first removal already took it.
  if (bucket === undefined || !bucket.delete(key)) return;
  if (bucket.size === 0) index.buckets.delete(value);
}

/**
 * Moves `key` from the old object's values to the new object's. When both have exactly the same
 * single value (the common update), only the object is swapped in its bucket. Otherwise the key
 * is removed from every old value and then added to every new one: client-go's fix for a lost key
 * when the number of values changes (kubernetes #109115).
 *
 * @internal
 */
export function updateIndex<T>(
  index: StoreIndex<T>,
  key: string,
  object: T,
  oldValues: readonly string[],
  newValues: readonly string[],
): void {
  if (oldValues.length === 1 && newValues.length === 1) {
    const value = newValues[0] as string;
    if (oldValues[0] === value) {
      const bucket = index.buckets.get(value);
      if (bucket !== undefined) {
        // The key stays where it is (same insertion position); only the object changes.
        bucket.set(key, object);
        return;
      }
    }
  }
  for (let position = 0; position < oldValues.length; position++) {
    removeFromIndex(index, oldValues[position] as string, key);
  }
  for (let position = 0; position < newValues.length; position++) {
    addToIndex(index, newValues[position] as string, key, object);
  }
}
