import { NAMESPACE_INDEX, parseLabelSelector } from '@kube-cache/indexer';
import type { Indexer, KubeObject } from '@kube-cache/indexer';
import { fieldIndexName, fieldIndexValue } from './field-index';

/**
 * A label selector: the Kubernetes string form (`app=web,tier in (a,b),!legacy`) or anything with
 * a `matches(labels)` method (such as a parsed `LabelSelector`).
 *
 * @since 0.1.0
 */
export type LabelSelectorInput =
  string | { matches(labels: Readonly<Record<string, string>> | undefined): boolean };

/** The objects of `candidates` whose labels match `selector` (all of them without one). */
function selectByLabels<T extends KubeObject>(
  candidates: T[],
  selector: LabelSelectorInput | undefined,
): T[] {
  if (selector === undefined) return candidates;
  const matcher = typeof selector === 'string' ? parseLabelSelector(selector) : selector;
  return candidates.filter((object) => matcher.matches(object.metadata?.labels));
}

/**
 * The namespace that means every namespace (client-go's `metav1.NamespaceAll`): `namespaced('')`
 * lists the whole cache.
 *
 * @since 0.2.0
 */
export const NAMESPACE_ALL = '' as const;

/**
 * Reads of one namespace of an informer's cache (client-go's `NamespaceLister`); the namespace
 * {@link NAMESPACE_ALL} (`''`) reads every namespace, as client-go's `ListAllByNamespace`.
 *
 * @since 0.1.0
 */
export class NamespaceLister<T extends KubeObject> {
  readonly #indexer: Indexer<T>;

  /**
   * @param indexer - the cache.
   * @param namespace - the namespace read.
   */
  constructor(
    indexer: Indexer<T>,
    readonly namespace: string,
  ) {
    this.#indexer = indexer;
  }

  /**
   * The objects of the namespace (of every namespace for {@link NAMESPACE_ALL}), optionally only
   * those matching a label selector. Uses the `namespace` index when the cache has one, else scans.
   *
   * @param selector - a label selector (string form or parsed).
   * @returns a new array of the cached objects (do not mutate them).
   * @throws `SelectorParseError` for a malformed selector string.
   */
  list(selector?: LabelSelectorInput): T[] {
    const indexer = this.#indexer;
    if (this.namespace === NAMESPACE_ALL) return selectByLabels(indexer.list(), selector);
    const candidates =
      NAMESPACE_INDEX in indexer.getIndexers()
        ? indexer.byIndex(NAMESPACE_INDEX, this.namespace)
        : indexer.list().filter((object) => (object.metadata?.namespace ?? '') === this.namespace);
    return selectByLabels(candidates, selector);
  }

  /**
   * One object of the namespace by name (for {@link NAMESPACE_ALL}, a cluster-scoped object, as
   * client-go's generic lister).
   *
   * @param name - the object's name.
   * @returns the cached object, or `undefined`.
   */
  get(name: string): T | undefined {
    const key = this.namespace === NAMESPACE_ALL ? name : `${this.namespace}/${name}`;
    return this.#indexer.getByKey(key);
  }

  /**
   * The objects of the namespace whose field (indexed with the factory's `indexField` or
   * {@link fieldIndexFunc}) has `value`.
   *
   * @param field - the field's name, as given to `indexField`.
   * @param value - the value.
   * @returns a new array of the cached objects.
   * @throws `IndexNotFoundError` when the field is not indexed.
   */
  listByField(field: string, value: string): T[] {
    return this.#indexer.byIndex(fieldIndexName(field), fieldIndexValue(this.namespace, value));
  }
}

/**
 * Typed reads of an informer's cache (client-go's generated listers): everything, by label
 * selector, by name, and per namespace.
 *
 * @example
 * ```ts
 * const pods = new Lister(podInformer.getIndexer());
 * const web = pods.namespaced('default').list('app=web,tier in (frontend)');
 * const pod = pods.namespaced('default').get('web-0');
 * const node = new Lister(nodeInformer.getIndexer()).get('node-1');
 * ```
 * @since 0.1.0
 */
export class Lister<T extends KubeObject> {
  readonly #indexer: Indexer<T>;

  /**
   * @param indexer - the cache (an informer's `getIndexer()`).
   */
  constructor(indexer: Indexer<T>) {
    this.#indexer = indexer;
  }

  /**
   * Every cached object, optionally only those matching a label selector.
   *
   * @param selector - a label selector (string form or parsed).
   * @returns a new array of the cached objects (do not mutate them).
   * @throws `SelectorParseError` for a malformed selector string.
   */
  list(selector?: LabelSelectorInput): T[] {
    return selectByLabels(this.#indexer.list(), selector);
  }

  /**
   * A cluster-scoped object by name (for namespaced objects use {@link Lister.namespaced}).
   *
   * @param name - the object's name.
   * @returns the cached object, or `undefined`.
   */
  get(name: string): T | undefined {
    return this.#indexer.getByKey(name);
  }

  /**
   * The reads of one namespace.
   *
   * @param namespace - the namespace; {@link NAMESPACE_ALL} (`''`) for every namespace.
   * @returns a lister of that namespace.
   */
  namespaced(namespace: string): NamespaceLister<T> {
    return new NamespaceLister(this.#indexer, namespace);
  }

  /**
   * The objects, in every namespace, whose field (indexed with the factory's `indexField` or
   * {@link fieldIndexFunc}) has `value`.
   *
   * @param field - the field's name, as given to `indexField`.
   * @param value - the value.
   * @returns a new array of the cached objects.
   * @throws `IndexNotFoundError` when the field is not indexed.
   */
  listByField(field: string, value: string): T[] {
    return this.#indexer.byIndex(fieldIndexName(field), fieldIndexValue('', value));
  }
}
