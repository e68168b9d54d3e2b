import { InvalidArgumentError, type IndexFunc } from '@kube-cache/store-core';
import type { KubeObject } from '../api/kube-object';

/**
 * Builds an index func that files each object under the value of one label. Objects without the
 * label (or without labels or metadata) are not in the index.
 *
 * @param labelKey - the label key, for example `app` or `app.kubernetes.io/name`.
 * @returns the index func.
 * @throws InvalidArgumentError when `labelKey` is not a non-empty string.
 * @example
 * ```ts
 * const pods = new Cache<Pod>(metaNamespaceKeyFunc, { app: indexByLabel('app') });
 * pods.byIndex('app', 'web');
 * ```
 * @since 0.1.0
 */
export function indexByLabel<T extends KubeObject = KubeObject>(labelKey: string): IndexFunc<T> {
  if (typeof labelKey !== 'string' || labelKey === '') {
    throw new InvalidArgumentError('labelKey', 'expected a non-empty string');
  }
  return (object) => {
    const labels: unknown = (object as KubeObject | null | undefined)?.metadata?.labels;
    if (typeof labels !== 'object' || labels === null || !Object.hasOwn(labels, labelKey))
      return [];
    const value: unknown = (labels as Record<string, unknown>)[labelKey];
    return typeof value === 'string' ? [value] : [];
  };
}
