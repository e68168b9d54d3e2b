import { KubeCacheError } from '@kube-cache/store-core';
import type { Status } from '../api/list-watch';

/**
 * An error answer from the Kubernetes API server (or a fake of it): the HTTP status `code`, the
 * `Status` object's `reason` and the whole `status` when the server sent one. A watch `ERROR`
 * event is turned into one of these too.
 *
 * @example
 * ```ts
 * if (ApiStatusError.isInstance(error) && error.code === 410) relistFromScratch();
 * ```
 * @since 0.1.0
 */
export class ApiStatusError extends KubeCacheError {
  override readonly name = 'ApiStatusError' as const;
  /** The HTTP status code (`Status.code`), for example 410. */
  readonly code: number;
  /** `Status.reason`, for example `Expired`, `Gone`, `TooManyRequests`, `Timeout`. */
  readonly reason: string | undefined;
  /** The `Status` object the server sent, if any. */
  readonly status: Status | undefined;
  /**
   * How long the server asked the client to wait before retrying (a `429` or `5xx` answer): the
   * `Retry-After` header's seconds, else the Status's `details.retryAfterSeconds`.
   *
   * @since 0.2.0
   */
  readonly retryAfterMilliseconds: number | undefined;

  /**
   * @param code - the HTTP status code.
   * @param options - the `Status` body, a message when there is no body, the `cause`, and the
   *   wait the server asked for (default: the Status's `details.retryAfterSeconds`).
   */
  constructor(
    code: number,
    options: {
      status?: Status | undefined;
      message?: string | undefined;
      cause?: unknown;
      retryAfterMilliseconds?: number | undefined;
    } = {},
  ) {
    const message = options.status?.message ?? options.message ?? `the API server answered ${code}`;
    super(message, { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.reason = options.status?.reason;
    const statusSeconds = options.status?.details?.retryAfterSeconds;
    this.retryAfterMilliseconds =
      options.retryAfterMilliseconds ??
      (typeof statusSeconds === 'number' && Number.isFinite(statusSeconds) && statusSeconds > 0
        ? statusSeconds * 1000
        : undefined);
  }

  /**
   * Builds the error for a `Status` object (from an error body or a watch `ERROR` event).
   *
   * @param status - the Status; its `code` defaults to 500 when absent.
   * @returns the error.
   */
  static fromStatus(status: Status): ApiStatusError {
    return new ApiStatusError(status.code ?? 500, { status });
  }

  /**
   * Whether `error` is an `ApiStatusError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for an `ApiStatusError`.
   */
  static override isInstance(error: unknown): error is ApiStatusError {
    return KubeCacheError.hasName(error, 'ApiStatusError');
  }
}
