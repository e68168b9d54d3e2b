import type { ListOptions, StatusCause } from '@kube-cache/indexer';
import type { ResourceDefinition } from '../cluster/resource-definition';

/**
 * The options of a {@link FakeListerWatcher}.
 *
 * @typeParam T - the object type.
 * @since 0.1.0
 */
export interface FakeListerWatcherOptions<T> {
  /** The object key; defaults to `namespace/name` (`name` for cluster-scoped objects). */
  keyFunc?: ((object: T) => string) | undefined;
  /**
   * The resource the objects are, for the field selectors it allows (`metadata.name`,
   * `metadata.namespace` and its selectable fields; any other field is a 400, as on the real
   * server). Defaults to the served kind the objects name (`v1` `Pod`: `spec.nodeName`,
   * `status.phase`, ...), else a resource with only the `metadata` fields.
   *
   * @since 0.2.0
   */
  resource?: ResourceDefinition | undefined;
  /** Objects added (in order) at construction, each getting a resourceVersion. */
  initialObjects?: readonly T[] | undefined;
  /** How many changes the history keeps; older ones are compacted (default 10,000). */
  historyLimit?: number | undefined;
}

/**
 * A failure to inject: an HTTP status (with an optional reason, message and causes), or a refused
 * connection.
 *
 * @since 0.1.0
 */
export type FakeFailure =
  | {
      status: number;
      reason?: string | undefined;
      message?: string | undefined;
      causes?: readonly StatusCause[] | undefined;
    }
  | 'connection-refused';

/**
 * One recorded `list` or `watch` call.
 *
 * @since 0.1.0
 */
export interface FakeListerWatcherCall {
  method: 'list' | 'watch';
  options: ListOptions;
}
