import type { ResourceStore, Revision, StoreEntry } from './resource-store';

/**
 * One change, as kept in the history for watches.
 */
export interface ChangeEvent {
  readonly resourceVersion: number;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly store: ResourceStore;
  readonly entry: StoreEntry;
  readonly revision: Revision;
  /** The state before a MODIFIED or DELETED, for selector transitions. */
  readonly previous: Revision | undefined;
}
