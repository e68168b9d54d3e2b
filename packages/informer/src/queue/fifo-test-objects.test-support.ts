import { DeletedFinalStateUnknown } from '@kube-cache/indexer';
import type { Deltas } from './delta';
import type { InformerQueue, KeyListerGetter } from './queue-types';

/** client-go's testFifoObject: a name and a value. */
export interface TestObject {
  name: string;
  value: unknown;
}

/** Builds a test object. */
export function testObject(name: string, value: unknown): TestObject {
  return { name, value };
}

/** The key function of the FIFO tests: the name. */
export function testKey(object: TestObject): string {
  return object.name;
}

/** A tombstone; `object` may be left out where only the key matters. */
export function tombstone(
  key: string,
  object: TestObject | undefined,
): DeletedFinalStateUnknown<TestObject> {
  return new DeletedFinalStateUnknown(key, object as TestObject);
}

/** client-go's literalListerGetter: a known-objects store over a fixed list. */
export function knownObjects(objects: readonly TestObject[]): KeyListerGetter<TestObject> {
  return {
    listKeys: () => objects.map((object) => object.name),
    getByKey: (key) => objects.find((object) => object.name === key),
  };
}

/** Pops one item and reports whether it was part of the initial list. */
export async function popWithInitial<T>(
  queue: InformerQueue<T>,
): Promise<{ deltas: Deltas<T>; isInInitialList: boolean }> {
  let isInInitialList = false;
  const deltas = await queue.pop((_deltas, initial) => {
    isInInitialList = initial;
  });
  return { deltas, isInInitialList };
}
