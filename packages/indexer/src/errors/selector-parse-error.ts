import { KubeCacheError } from '@kube-cache/store-core';

/**
 * Thrown when a label or field selector does not parse or breaks the API server's validation
 * rules. The message names the selector and the position of the problem.
 *
 * @example
 * ```ts
 * try {
 *   parseLabelSelector('app in (web');
 * } catch (error) {
 *   if (SelectorParseError.isInstance(error)) console.log(error.position); // 11
 * }
 * ```
 * @since 0.1.0
 */
export class SelectorParseError extends KubeCacheError {
  override readonly name = 'SelectorParseError' as const;
  /** The selector text that was refused. */
  readonly selector: string;
  /** The zero-based character offset of the problem in {@link SelectorParseError.selector}. */
  readonly position: number;
  /** Which kind of selector it was. */
  readonly selectorKind: 'label' | 'field';

  /**
   * @param options - the selector kind and text, the position of the problem, what is wrong, and
   *   the `cause`.
   */
  constructor(options: {
    selectorKind: 'label' | 'field';
    selector: string;
    position: number;
    detail: string;
    cause?: unknown;
  }) {
    super(
      `invalid ${options.selectorKind} selector ${JSON.stringify(options.selector)} at position ${options.position}: ${options.detail}`,
      { cause: options.cause },
    );
    this.selectorKind = options.selectorKind;
    this.selector = options.selector;
    this.position = options.position;
  }

  /**
   * Whether `error` is a `SelectorParseError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `SelectorParseError`.
   */
  static override isInstance(error: unknown): error is SelectorParseError {
    return KubeCacheError.hasName(error, 'SelectorParseError');
  }
}
