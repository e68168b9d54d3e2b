import type { IndexFunc } from './index-func';
import { IndexFuncError } from './index-func-error';

/**
 * The objects filed under one index value, by store key. It keeps the objects themselves (not
 * just keys) so a lookup never goes back to the main map, and caches the list of objects until
 * the bucket next changes, so repeated `byIndex` calls only copy an array.
 *
 * @internal
 */
export class IndexBucket<T> extends Map<string, T> {
  snapshot: T[] | undefined = undefined;
}

/**
 * One named index: its func and its buckets (index value to bucket). A bucket that becomes empty
 * is removed, so short-lived values do not leak.
 *
 * @internal
 */
export interface StoreIndex<T> {
  readonly name: string;
  readonly func: IndexFunc<T>;
  readonly buckets: Map<string, IndexBucket<T>>;
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
  obj: T,
  key: string | undefined,
): readonly string[] {
  let values: unknown;
  try {
    values = index.func(obj);
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
export function addToIndex<T>(
  buckets: Map<string, IndexBucket<T>>,
  value: string,
  key: string,
  obj: T,
): void {
  let bucket = buckets.get(value);
  if (bucket === undefined) {
    bucket = new IndexBucket<T>();
    buckets.set(value, bucket);
  }
  bucket.set(key, obj);
  bucket.snapshot = undefined;
}

/** @internal */
export function removeFromIndex<T>(
  buckets: Map<string, IndexBucket<T>>,
  value: string,
  key: string,
): void {
  const bucket = buckets.get(value);
  // Absent when an index func listed the same value twice: the first removal already took it.
  if (bucket === undefined || !bucket.delete(key)) return;
  if (bucket.size === 0) buckets.delete(value);
  else bucket.snapshot = undefined;
}

/**
 * Moves `key` from the old object's values to the new object's. When both have exactly the same
 * single value (the common update), only the stored object is swapped. Otherwise the key is
 * removed from every old value and then added to every new one: client-go's fix for a lost key
 * when the number of values changes (kubernetes #109115).
 *
 * @internal
 */
export function updateIndex<T>(
  buckets: Map<string, IndexBucket<T>>,
  key: string,
  obj: T,
  oldValues: readonly string[],
  newValues: readonly string[],
): void {
  if (oldValues.length === 1 && newValues.length === 1) {
    const value = newValues[0] as string;
    if (oldValues[0] === value) {
      const bucket = buckets.get(value);
      if (bucket !== undefined) {
        bucket.set(key, obj);
        bucket.snapshot = undefined;
        return;
      }
    }
  }
  for (let position = 0; position < oldValues.length; position++) {
    removeFromIndex(buckets, oldValues[position] as string, key);
  }
  for (let position = 0; position < newValues.length; position++) {
    addToIndex(buckets, newValues[position] as string, key, obj);
  }
}
