// The optimistic-concurrency checks of writes: an update's resourceVersion, a delete's uid and
// resourceVersion preconditions; each failure is a 409 Conflict, as on the real server.
import { statusErrors } from './api-status';
import type { StatusSubject } from './api-status';

/**
 * Preconditions of a delete, as in `DeleteOptions.preconditions`.
 */
export interface DeletePreconditions {
  readonly resourceVersion?: string | undefined;
  readonly uid?: string | undefined;
}

/**
 * Checks a delete's preconditions against the stored object, as the real server does: the uid
 * first, then the resourceVersion; an empty or absent one is no condition.
 *
 * @param kind - the object's kind, for the message.
 * @param name - the object's name.
 * @param metadata - the stored object's metadata.
 * @param preconditions - the preconditions.
 * @throws ApiStatusError 409 `Conflict` naming the precondition that failed.
 */
export function checkDeletePreconditions(
  kind: string,
  name: string,
  metadata: Readonly<Record<string, unknown>>,
  preconditions: DeletePreconditions,
): void {
  const checks: [string, string | undefined, unknown, string][] = [
    ['UID', preconditions.uid, metadata['uid'], 'replaced'],
    ['ResourceVersion', preconditions.resourceVersion, metadata['resourceVersion'], 'modified'],
  ];
  for (const [label, wanted, actual, change] of checks) {
    if (wanted !== undefined && wanted !== '' && wanted !== actual) {
      throw statusErrors.preconditionFailed(
        kind,
        name,
        `the ${label} in the precondition (${wanted}) does not match the ${label} in record (${String(actual)}). The object might have been ${change}`,
      );
    }
  }
}

/**
 * Checks the `metadata.resourceVersion` an update carries against the stored one; an empty or
 * absent one is no condition (the update then replaces whatever is stored).
 *
 * @param subject - the object, for the message.
 * @param requested - the resourceVersion in the update.
 * @param stored - the stored object's resourceVersion.
 * @throws ApiStatusError 409 `Conflict` when they differ.
 */
export function checkUpdateResourceVersion(
  subject: StatusSubject,
  requested: string | undefined,
  stored: number,
): void {
  if (requested !== undefined && requested !== '' && requested !== String(stored)) {
    throw statusErrors.conflict(
      subject,
      'the object has been modified; please apply your changes to the latest version and try again',
    );
  }
}
