const marker = Symbol.for('kube-cache.explicit-key');

/**
 * A ready-made store key that key funcs such as {@link metaNamespaceKeyFunc} pass through
 * unchanged (client-go's `cache.ExplicitKey`). Make one with {@link explicitKey}.
 *
 * It is a small frozen object rather than a plain string so that it cannot be confused with an
 * object that merely happens to be a string; `String(key)` gives the key.
 *
 * @example
 * ```ts
 * metaNamespaceKeyFunc(explicitKey('default/web')); // 'default/web'
 * ```
 * @since 0.1.0
 */
export class ExplicitKey {
  /** @internal */
  readonly [marker] = true;

  /**
   * @param key - the store key.
   */
  constructor(readonly key: string) {
    Object.freeze(this);
  }

  /**
   * @returns the key.
   */
  toString(): string {
    return this.key;
  }

  /**
   * Whether `value` is an `ExplicitKey`, from any installed copy.
   *
   * @param value - anything.
   * @returns `true` for an `ExplicitKey`.
   */
  static isInstance(value: unknown): value is ExplicitKey {
    return typeof value === 'object' && value !== null && marker in value;
  }
}

/**
 * Wraps a ready-made key so that key funcs pass it through.
 *
 * @param key - the store key, for example `default/web`.
 * @returns an {@link ExplicitKey}.
 * @example
 * ```ts
 * cache.delete(explicitKey('default/web') as unknown as Pod);
 * ```
 * @since 0.1.0
 */
export function explicitKey(key: string): ExplicitKey {
  return new ExplicitKey(key);
}
