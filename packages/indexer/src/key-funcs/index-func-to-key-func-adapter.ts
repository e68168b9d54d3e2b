import type { IndexFunc } from '@kube-cache/store-core';
import type { KeyFunc } from './key-func';
import { KeyError } from '../errors';

/**
 * Turns an index func that yields exactly one value into a key func (client-go's
 * `IndexFuncToKeyFuncAdapter`).
 *
 * @param indexFunc - the index func.
 * @returns a key func returning the single value.
 * @throws KeyError (from the returned func) when the index func throws, or yields no value or
 *   more than one.
 * @example
 * ```ts
 * const byUid = indexFuncToKeyFuncAdapter<Pod>((pod) => [pod.metadata.uid]);
 * ```
 * @since 0.1.0
 */
export function indexFuncToKeyFuncAdapter<T>(indexFunc: IndexFunc<T>): KeyFunc<T> {
  return (object) => {
    let values: unknown;
    try {
      values = indexFunc(object);
    } catch (error) {
      throw new KeyError(object, { cause: error });
    }
    if (!Array.isArray(values)) {
      throw new KeyError(object, {
        cause: new TypeError('the index func did not return an array'),
      });
    }
    if (values.length > 1) {
      throw new KeyError(object, { cause: new Error(`too many keys: ${JSON.stringify(values)}`) });
    }
    const value: unknown = values[0];
    if (values.length === 0)
      throw new KeyError(object, { cause: new Error('unexpected empty indexKeys') });
    if (typeof value !== 'string') {
      throw new KeyError(object, {
        cause: new TypeError('the index func returned a value that is not a string'),
      });
    }
    return value;
  };
}
