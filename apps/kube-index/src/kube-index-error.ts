import { KubeIndexAppError } from './kube-index-app-error';

/**
 * An error kube-index explains to its user and exits with: bad usage, an unknown resource, no
 * access. Its message is the whole explanation, ready to print.
 */
export class KubeIndexError extends KubeIndexAppError {
  override readonly name = 'KubeIndexError' as const;
  /** The process exit code: 2 for usage errors, 1 otherwise. */
  readonly exitCode: number;

  /**
   * @param message - the explanation.
   * @param options - the exit code (default 1) and the cause.
   */
  constructor(message: string, options: { exitCode?: number | undefined; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.exitCode = options.exitCode ?? 1;
  }

  /**
   * Whether `error` is a `KubeIndexError`.
   *
   * @param error - anything caught.
   * @returns `true` for a `KubeIndexError`.
   */
  static override isInstance(error: unknown): error is KubeIndexError {
    return KubeIndexAppError.hasName(error, 'KubeIndexError');
  }
}
