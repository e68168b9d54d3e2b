import type { ReplicaWriter } from './replica-writer';

/**
 * A {@link ReplicaWriter} that writes nothing (`--dry-run`): the replicator still plans and
 * prints every change it would make.
 */
export class DryRunReplicaWriter implements ReplicaWriter {
  /** Writes nothing. */
  async create(): Promise<void> {}
  /** Writes nothing. */
  async replace(): Promise<void> {}
  /** Writes nothing; says the copy would be deleted. */
  delete(): Promise<boolean> {
    return Promise.resolve(true);
  }
}
