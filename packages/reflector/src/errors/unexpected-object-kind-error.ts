import { KubeCacheError } from '@kube-cache/store-core';

/**
 * A watch event carried an object whose `apiVersion`/`kind` is not the reflector's expected type.
 * The event is dropped (as client-go does) and this error is reported.
 *
 * @since 0.1.0
 */
export class UnexpectedObjectKindError extends KubeCacheError {
  override readonly name = 'UnexpectedObjectKindError' as const;
  /** The expected `apiVersion` (when one was given) and `kind`. */
  readonly expected: { apiVersion?: string | undefined; kind: string };
  /** The object's own `apiVersion` and `kind`. */
  readonly actual: { apiVersion: unknown; kind: unknown };

  /**
   * @param expected - the reflector's expected type.
   * @param actual - what the object said it is.
   */
  constructor(
    expected: { apiVersion?: string | undefined; kind: string },
    actual: { apiVersion: unknown; kind: unknown },
  ) {
    super(
      `unexpected watch object ${String(actual.apiVersion)}/${String(actual.kind)}, ` +
        `expected ${expected.apiVersion ?? '*'}/${expected.kind}; the event was dropped`,
    );
    this.expected = expected;
    this.actual = actual;
  }

  /**
   * Whether `error` is an `UnexpectedObjectKindError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for an `UnexpectedObjectKindError`.
   */
  static override isInstance(error: unknown): error is UnexpectedObjectKindError {
    return KubeCacheError.hasName(error, 'UnexpectedObjectKindError');
  }
}
