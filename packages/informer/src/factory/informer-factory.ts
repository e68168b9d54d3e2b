import { metaNamespaceIndexFunc, NAMESPACE_INDEX } from '@kube-cache/indexer';
import type { KubeObject, ListerWatcher } from '@kube-cache/indexer';
import { createListWatch } from '@kube-cache/reflector';
import type { ResourceDescriptor } from '@kube-cache/reflector';
import type { Indexers } from '@kube-cache/store-core';
import { InvalidInformerOptionsError } from '../errors/invalid-informer-options-error';
import { SharedIndexInformer } from '../informer/shared-index-informer';
import { waitForCacheSync } from '../informer/wait-for-cache-sync';
import type { WaitForCacheSyncOptions } from '../informer/wait-for-cache-sync';
import { fieldIndexFunc, fieldIndexName } from '../listers/field-index';
import type { FieldExtractor } from '../listers/field-index';
import { Lister } from '../listers/lister';
import type {
  InformerFactoryOptions,
  InformerRequest,
  InformerSelectors,
} from './informer-factory-options';
import type { TypedResourceDescriptor, UntypedResourceDescriptor } from './resource-descriptors';

interface Entry {
  informer: SharedIndexInformer<KubeObject>;
  run: Promise<void> | undefined;
}

/**
 * Hands out shared informers (client-go's `SharedInformerFactory`): one informer, hence one
 * list-watch and one cache, per (resource, namespace, label selector, field selector), however
 * many times it is asked for. Every informer carries the `namespace` index (`NAMESPACE_INDEX`), as
 * client-go's generated ones, which `Lister.namespaced(ns).list()` reads. `start` runs every
 * informer not yet running, `waitForCacheSync` waits for them, and `indexField` adds
 * controller-runtime style field indices.
 *
 * @example
 * ```ts
 * const factory = new InformerFactory({ kubeConfig, resyncPeriod: 10 * 60_000 });
 * factory.indexField(resources.pods, 'spec.nodeName', (pod) => pod.spec?.nodeName);
 * factory.informerFor(resources.pods).addEventHandler({ onAdd: (pod) => console.log(pod.metadata?.name) });
 * const controller = new AbortController();
 * factory.start(controller.signal);
 * await factory.waitForCacheSync(controller.signal);
 * console.log(factory.lister(resources.pods).listByField('spec.nodeName', 'node-1').length);
 * ```
 * @since 0.1.0
 */
export class InformerFactory {
  readonly #options: InformerFactoryOptions;
  readonly #entries = new Map<string, Entry>();

  /**
   * @param options - the KubeConfig and the defaults of every informer.
   * @throws {@link InvalidInformerOptionsError} without a KubeConfig (or `createListerWatcher`).
   */
  constructor(options: InformerFactoryOptions) {
    if (
      (options as Partial<InformerFactoryOptions>).kubeConfig === undefined &&
      options.createListerWatcher === undefined
    ) {
      throw new InvalidInformerOptionsError('InformerFactory needs a kubeConfig');
    }
    this.#options = options;
  }

  /**
   * The shared informer of a resource, created on first request. With a typed descriptor
   * (`resources.pods`, `defineResource<T>()`) the object type follows from it; with an untyped
   * one it is the type argument (default `KubeObject`), which for `@kubernetes/client-node`'s own
   * types is refused: use their typed descriptor.
   *
   * @param resource - `apiVersion`, `plural`, optional `namespace` and `kind`.
   * @param request - namespace, selectors, and creation options.
   * @returns the informer (the same object for the same resource, namespace and selectors).
   * @throws the informer's {@link InvalidInformerOptionsError}; `IndexerConflictError` when an
   *   index name is taken by another function.
   */
  informerFor<T extends KubeObject>(
    resource: TypedResourceDescriptor<T>,
    request?: InformerRequest<T>,
  ): SharedIndexInformer<T>;
  informerFor<T extends KubeObject = KubeObject>(
    resource: UntypedResourceDescriptor<T>,
    request?: InformerRequest<T>,
  ): SharedIndexInformer<T>;
  informerFor<T extends KubeObject>(
    resource: ResourceDescriptor,
    request: InformerRequest<T> = {},
  ): SharedIndexInformer<T> {
    return this.#informerFor(resource, request);
  }

  #informerFor<T extends KubeObject>(
    resource: ResourceDescriptor,
    request: InformerRequest<T>,
  ): SharedIndexInformer<T> {
    const namespace = request.namespace ?? resource.namespace ?? this.#options.namespace;
    const selectors: InformerSelectors = {
      labelSelector: request.labelSelector ?? this.#options.labelSelector,
      fieldSelector: request.fieldSelector ?? this.#options.fieldSelector,
    };
    const key = JSON.stringify([
      resource.apiVersion,
      resource.plural,
      namespace ?? '',
      selectors.labelSelector ?? '',
      selectors.fieldSelector ?? '',
    ]);
    const existing = this.#entries.get(key);
    if (existing !== undefined) {
      const informer = existing.informer as unknown as SharedIndexInformer<T>;
      if (request.indexers !== undefined) addMissingIndexers(informer, request.indexers);
      return informer;
    }
    const scoped: ResourceDescriptor = { ...resource, namespace };
    const listerWatcher = (this.#options.createListerWatcher?.(scoped, selectors) ??
      createListWatch<KubeObject>(this.#options.kubeConfig, scoped, {
        ...selectors,
        transport: this.#options.transport,
      })) as ListerWatcher<T>;
    const { queue, clock, metrics, onError, onWatchError, reflector, detectMutations } =
      this.#options;
    const informer = new SharedIndexInformer<T>({
      listerWatcher,
      name: informerName(scoped, selectors),
      objectType:
        resource.kind === undefined
          ? undefined
          : { kind: resource.kind, apiVersion: resource.apiVersion },
      resyncPeriod: request.resyncPeriod ?? this.#options.resyncPeriod,
      // As client-go's generated informers: the namespace index always, so a namespace lister
      // reads one bucket instead of scanning (a request's own `namespace` index wins).
      indexers: { [NAMESPACE_INDEX]: metaNamespaceIndexFunc, ...request.indexers },
      transform: request.transform,
      queue,
      clock,
      metrics,
      onError,
      onWatchError,
      reflector,
      detectMutations,
    });
    this.#entries.set(key, {
      informer: informer as unknown as SharedIndexInformer<KubeObject>,
      run: undefined,
    });
    return informer;
  }

  /**
   * A lister over the shared informer's cache (creating the informer if needed).
   *
   * @param resource - the resource.
   * @param request - namespace and selectors of the informer.
   * @returns the lister, typed as {@link InformerFactory.informerFor}'s informer.
   */
  lister<T extends KubeObject>(
    resource: TypedResourceDescriptor<T>,
    request?: InformerRequest<T>,
  ): Lister<T>;
  lister<T extends KubeObject = KubeObject>(
    resource: UntypedResourceDescriptor<T>,
    request?: InformerRequest<T>,
  ): Lister<T>;
  lister<T extends KubeObject>(
    resource: ResourceDescriptor,
    request: InformerRequest<T> = {},
  ): Lister<T> {
    return new Lister(this.#informerFor<T>(resource, request).getIndexer());
  }

  /**
   * controller-runtime's `IndexField`: indexes a field of a resource, to query it with
   * `Lister.listByField(name, value)` across namespaces or per namespace. Allowed before and
   * after start.
   *
   * @param resource - the resource.
   * @param name - the field's name (the index is `field:<name>`).
   * @param extract - the field's values for an object.
   * @param request - namespace and selectors of the informer.
   * @throws `IndexerConflictError` when that field is already indexed.
   */
  indexField<T extends KubeObject>(
    resource: TypedResourceDescriptor<T>,
    name: string,
    extract: FieldExtractor<T>,
    request?: InformerRequest<T>,
  ): void;
  indexField<T extends KubeObject = KubeObject>(
    resource: UntypedResourceDescriptor<T>,
    name: string,
    extract: FieldExtractor<T>,
    request?: InformerRequest<T>,
  ): void;
  indexField<T extends KubeObject>(
    resource: ResourceDescriptor,
    name: string,
    extract: FieldExtractor<T>,
    request: InformerRequest<T> = {},
  ): void {
    this.#informerFor<T>(resource, request).addIndexers({
      [fieldIndexName(name)]: fieldIndexFunc(extract),
    });
  }

  /**
   * Runs every informer not yet running, until `signal` aborts. Informers requested later need
   * another `start` (as in client-go).
   *
   * @param signal - stops them.
   */
  start(signal: AbortSignal): void {
    for (const entry of this.#entries.values()) {
      if (entry.run !== undefined || entry.informer.hasStarted()) continue;
      const run = entry.informer.run(signal);
      // A configuration that can never work stops an informer (run rejects): it was reported
      // already (onWatchError or a warning), waitForCacheSync and stopped() reject with it, and it
      // must not also crash the process as an unhandled rejection.
      run.catch(() => undefined);
      entry.run = run;
    }
  }

  /**
   * Waits until every started informer has synced.
   *
   * @param options - a signal that stops waiting, or `{ signal, timeoutMilliseconds }`.
   * @returns each started informer's name and whether it synced.
   * @throws a `SyncTimeoutError` (rejects) naming an informer that did not sync within
   *   `timeoutMilliseconds`, with its last list or watch error as `cause`; the
   *   `InvalidListWatchConfigError` that stopped an informer.
   */
  async waitForCacheSync(
    options: AbortSignal | WaitForCacheSyncOptions,
  ): Promise<Map<string, boolean>> {
    const started = [...this.#entries.values()].filter((entry) => entry.run !== undefined);
    const results = await Promise.all(
      started.map((entry) => waitForCacheSync(options, entry.informer)),
    );
    return new Map(started.map((entry, index) => [entry.informer.name, results[index] ?? false]));
  }

  /**
   * Resolves once every informer started by this factory has stopped (after their signal).
   *
   * @returns a promise of the shutdown.
   * @throws the `InvalidListWatchConfigError` (rejects) that stopped an informer by itself.
   */
  async stopped(): Promise<void> {
    await Promise.all([...this.#entries.values()].map((entry) => entry.run ?? Promise.resolve()));
  }

  /** @returns every informer handed out so far. */
  informers(): SharedIndexInformer<KubeObject>[] {
    return [...this.#entries.values()].map((entry) => entry.informer);
  }
}

function informerName(resource: ResourceDescriptor, selectors: InformerSelectors): string {
  const parts = [`${resource.apiVersion}/${resource.plural}`];
  if (resource.namespace !== undefined) parts.push(`namespace=${resource.namespace}`);
  if (selectors.labelSelector !== undefined) parts.push(`labels=${selectors.labelSelector}`);
  if (selectors.fieldSelector !== undefined) parts.push(`fields=${selectors.fieldSelector}`);
  return parts.join(' ');
}

function addMissingIndexers<T extends KubeObject>(
  informer: SharedIndexInformer<T>,
  indexers: Indexers<T>,
): void {
  const present = informer.getIndexer().getIndexers();
  const missing = Object.fromEntries(
    Object.entries(indexers).filter(([name, indexFunction]) => present[name] !== indexFunction),
  );
  if (Object.keys(missing).length > 0) informer.addIndexers(missing);
}
