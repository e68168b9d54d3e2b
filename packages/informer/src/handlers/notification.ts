import type { DeletedFinalStateUnknown } from '@kube-cache/indexer';

/**
 * One event queued for one handler.
 *
 * @internal
 */
export type Notification<T> =
  | { readonly type: 'add'; readonly object: T; readonly isInInitialList: boolean }
  | { readonly type: 'update'; readonly oldObject: T; readonly newObject: T }
  | { readonly type: 'delete'; readonly object: T | DeletedFinalStateUnknown<T> };
