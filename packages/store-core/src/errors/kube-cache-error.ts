const marker = Symbol.for('kube-cache.error');

/**
 * The base class of every error that a `@kube-cache/*` package throws.
 *
 * Use {@link KubeCacheError.isInstance} (or a subclass's `isInstance`) rather than `instanceof`:
 * the check reads a `Symbol.for` marker, so it still holds when two copies of a package are
 * installed side by side.
 *
 * @example
 * ```ts
 * try {
 *   store.byIndex('missing', 'x');
 * } catch (error) {
 *   if (KubeCacheError.isInstance(error)) console.log(error.name);
 * }
 * ```
 * @since 0.1.0
 */
export class KubeCacheError extends Error {
  /** @internal */
  readonly [marker] = true;
  override readonly name: string = 'KubeCacheError';

  /**
   * @param message - what went wrong, in one sentence.
   * @param options - `cause`, the underlying error, if any.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  /**
   * Whether `error` is a kube-cache error (of any subclass, from any installed copy).
   *
   * @param error - anything caught.
   * @returns `true` when `error` carries the kube-cache marker.
   */
  static isInstance(error: unknown): error is KubeCacheError {
    return typeof error === 'object' && error !== null && marker in error;
  }

  /**
   * Whether `error` is a kube-cache error with the given `name`. Subclasses use it for their own
   * `isInstance`, so the check does not depend on class identity.
   *
   * @param error - anything caught.
   * @param name - the subclass's literal `name`.
   * @returns `true` when `error` is a kube-cache error named `name`.
   */
  static hasName(error: unknown, name: string): boolean {
    return KubeCacheError.isInstance(error) && error.name === name;
  }
}
