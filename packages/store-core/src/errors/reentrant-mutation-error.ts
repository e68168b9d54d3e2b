import { KubeCacheError } from './kube-cache-error';

/**
 * Thrown when an index func (or an iterable handed to `replace`) calls a mutating method of the
 * very store that is running it. The outer call then fails as a whole, so the store stays
 * consistent; reading the store from an index func is allowed and sees the state before the call.
 *
 * @example
 * ```ts
 * const store = new ThreadSafeStore<string>({
 *   bad: (value) => {
 *     store.delete(value); // throws ReentrantMutationError
 *     return [value];
 *   },
 * });
 * ```
 * @since 0.1.0
 */
export class ReentrantMutationError extends KubeCacheError {
  override readonly name = 'ReentrantMutationError' as const;
  /** The mutating method that was called, for example `add`. */
  readonly method: string;

  /**
   * @param method - the mutating method that was called re-entrantly.
   */
  constructor(method: string) {
    super(
      `${method}() was called while the store was running an index func; index funcs must not change the store they index`,
    );
    this.method = method;
  }

  /**
   * Whether `error` is a `ReentrantMutationError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `ReentrantMutationError`.
   */
  static override isInstance(error: unknown): error is ReentrantMutationError {
    return KubeCacheError.hasName(error, 'ReentrantMutationError');
  }
}
