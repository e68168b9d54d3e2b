// The app's own marker: its errors are not the library's, so `KubeCacheError.isInstance` (from
// @kube-cache/store-core) must not claim them.
const marker = Symbol.for('kube-cache-example.replicator.error');

/**
 * The base class of the replicator's own errors. It is not a `KubeCacheError`, so a
 * check for the library's errors never matches the app's own.
 *
 * Use {@link ReplicatorAppError.isInstance} (or a subclass's `isInstance`) rather than
 * `instanceof`: the check reads a `Symbol.for` marker, so it holds across two copies of the
 * module.
 */
export class ReplicatorAppError extends Error {
  /** @internal */
  readonly [marker] = true;
  override readonly name: string = 'ReplicatorAppError';

  /**
   * @param message - what went wrong, ready to print.
   * @param options - `cause`, the underlying error, if any.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  /**
   * Whether `error` is one of the app's errors (of any subclass, from any copy).
   *
   * @param error - anything caught.
   * @returns `true` when `error` carries the app's marker.
   */
  static isInstance(error: unknown): error is ReplicatorAppError {
    return typeof error === 'object' && error !== null && marker in error;
  }

  /**
   * Whether `error` is one of the app's errors with the given `name`; subclasses use it for their
   * own `isInstance`, so the check does not depend on class identity.
   *
   * @param error - anything caught.
   * @param name - the subclass's literal `name`.
   * @returns `true` when `error` is one of the app's errors named `name`.
   */
  static hasName(error: unknown, name: string): boolean {
    return ReplicatorAppError.isInstance(error) && error.name === name;
  }
}
