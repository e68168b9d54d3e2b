import type { IndexFunc } from './index-func';
import { IndexFuncError } from './index-func-error';

/**
 * One named index: its func, its buckets (index value to the keys filed under it) and a cache of
 * the object list of each bucket that was read.
 *
 * Buckets hold keys only (as small as a bare `Set`), and a bucket that becomes empty is removed,
 * so short-lived values do not leak. `snapshots` keeps the objects of a bucket from its first
 * `byIndex` until any object filed under that value changes, so repeated lookups copy one array
 * instead of looking every key up again. Writes touch it only when it is not empty.
 *
 * @internal
 */
export interface StoreIndex<T> {
  readonly name: string;
  readonly func: IndexFunc<T>;
  readonly buckets: Map<string, Set<string>>;
  readonly snapshots: Map<string, T[]>;
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
export function addToIndex<T>(index: StoreIndex<T>, value: string, key: string): void {
  const buckets = index.buckets;
  let bucket = buckets.get(value);
  if (bucket === undefined) {
    bucket = new Set<string>();
    buckets.set(value, bucket);
  }
  bucket.add(key);
  if (index.snapshots.size > 0) index.snapshots.delete(value);
}

/** @internal */
export function removeFromIndex<T>(index: StoreIndex<T>, value: string, key: string): void {
  const bucket = index.buckets.get(value);
  // Absent when an index func listed the same value twice: the first removal already took it.
  if (bucket === undefined || !bucket.delete(key)) return;
  if (bucket.size === 0) index.buckets.delete(value);
  if (index.snapshots.size > 0) index.snapshots.delete(value);
}

/**
 * Moves `key` from the old object's values to the new object's. When both have exactly the same
 * single value (the common update), only a cached object list is dropped. Otherwise the key is
 * removed from every old value and then added to every new one: client-go's fix for a lost key
 * when the number of values changes (kubernetes #109115).
 *
 * @internal
 */
export function updateIndex<T>(
  index: StoreIndex<T>,
  key: string,
  oldValues: readonly string[],
  newValues: readonly string[],
): void {
  if (oldValues.length === 1 && newValues.length === 1) {
    const value = newValues[0] as string;
    if (oldValues[0] === value) {
      // The key stays where it is; only the object changed.
      if (index.snapshots.size > 0) index.snapshots.delete(value);
      return;
    }
  }
  for (let position = 0; position < oldValues.length; position++) {
    removeFromIndex(index, oldValues[position] as string, key);
  }
  for (let position = 0; position < newValues.length; position++) {
    addToIndex(index, newValues[position] as string, key);
  }
}
