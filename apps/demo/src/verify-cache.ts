import type { KubeObject, ListerWatcher } from '@kube-cache/indexer';
import { compareStates } from './compare-states';
import type { Comparison } from './compare-states';

/**
 * How {@link verifyCache} reads both sides and how long it waits for them to agree.
 */
export interface VerifyCacheOptions {
  /** The cache's keys and resourceVersions, read afresh on every attempt. */
  readCache: () => ReadonlyMap<string, string>;
  /** The server's keys and resourceVersions, read afresh on every attempt. */
  readServer: (signal: AbortSignal) => Promise<ReadonlyMap<string, string>>;
  /** Give up (and report the last differences) after this long. */
  timeoutMilliseconds: number;
  /** Pause between attempts. */
  intervalMilliseconds: number;
  /** Stops waiting early. */
  signal?: AbortSignal | undefined;
}

/**
 * Compares the cache with the server until they agree or the time is up. The cache trails the
 * server by design (events are in flight, a watch may be reconnecting after a fault), so one
 * comparison right after churn stops proves little; a bounded wait for agreement proves
 * convergence.
 *
 * @param options - the two sides and the bounds.
 * @returns the first comparison with no differences, or the last one when time ran out.
 * @throws whatever `readServer` throws (a server that cannot be read cannot be verified).
 * @example
 * ```ts
 * const comparison = await verifyCache({ readCache, readServer, timeoutMilliseconds: 20_000, intervalMilliseconds: 250 });
 * console.log(describeComparison(comparison));
 * ```
 */
export async function verifyCache(options: VerifyCacheOptions): Promise<Comparison> {
  const signal = options.signal ?? new AbortController().signal;
  const deadline = Date.now() + options.timeoutMilliseconds;
  for (;;) {
    const server = await options.readServer(signal);
    const comparison = compareStates(options.readCache(), server);
    if (comparison.differences === 0 || Date.now() >= deadline || signal.aborted) return comparison;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.intervalMilliseconds);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}

/**
 * The `namespace/name` key of an object (`name` for cluster-scoped ones), as client-go's
 * MetaNamespaceKeyFunc.
 *
 * @param object - the object.
 * @returns its key.
 */
export function objectKey(object: KubeObject): string {
  const namespace = object.metadata?.namespace;
  const name = object.metadata?.name ?? '';
  return namespace === undefined || namespace === '' ? name : `${namespace}/${name}`;
}

/**
 * Keys and resourceVersions of a list of objects.
 *
 * @param objects - the objects.
 * @returns key to resourceVersion.
 */
export function resourceVersionsByKey(objects: Iterable<KubeObject>): Map<string, string> {
  const result = new Map<string, string>();
  for (const object of objects)
    result.set(objectKey(object), object.metadata?.resourceVersion ?? '');
  return result;
}

/**
 * Lists everything a ListerWatcher sees, page by page, with a consistent (quorum) read.
 *
 * @param listerWatcher - the source.
 * @param signal - aborts the list.
 * @param pageSize - items per page.
 * @returns key to resourceVersion for every listed object.
 * @throws the list's error.
 */
export async function listServerState<T extends KubeObject>(
  listerWatcher: ListerWatcher<T>,
  signal: AbortSignal,
  pageSize = 500,
): Promise<Map<string, string>> {
  const objects: T[] = [];
  let continueToken: string | undefined;
  do {
    const page = await listerWatcher.list({ limit: pageSize, continue: continueToken }, signal);
    objects.push(...page.items);
    continueToken = page.continue;
  } while (continueToken !== undefined);
  return resourceVersionsByKey(objects);
}
