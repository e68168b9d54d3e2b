import type { KubeObject, ListOptions } from '@kube-cache/indexer';
import { statusError } from './status-body';

/**
 * Whether an object passes a list or watch request's selectors.
 *
 * @since 0.1.0
 */
export type ObjectFilter<T> = (object: T) => boolean;

/**
 * Compiles the `labelSelector` and `fieldSelector` of a request into one filter.
 *
 * @param options - the request's options.
 * @returns the filter, and whether any selector was given.
 * @throws `ApiStatusError` 400 `BadRequest` when a selector does not parse.
 * @since 0.1.0
 */
export function createObjectFilter<T extends KubeObject>(
  options: ListOptions,
): { filter: ObjectFilter<T>; selective: boolean } {
  const selective = (options.labelSelector ?? '') !== '' || (options.fieldSelector ?? '') !== '';
  if (selective) throw statusError({ status: 400, message: 'selectors are not supported yet by this fake' });
  return { filter: () => true, selective };
}
