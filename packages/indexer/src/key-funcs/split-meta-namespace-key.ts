import { MalformedKeyError } from '../errors';

/**
 * Splits a `namespace/name` key (the inverse of {@link metaNamespaceKeyFunc}). A key without `/`
 * is a cluster-scoped name with namespace `""`.
 *
 * @param key - the key.
 * @returns `{ namespace, name }`; `""` gives two empty strings, `a/` gives name `""`.
 * @throws MalformedKeyError when the key has more than one `/`.
 * @example
 * ```ts
 * splitMetaNamespaceKey('default/web'); // { namespace: 'default', name: 'web' }
 * splitMetaNamespaceKey('node-1'); // { namespace: '', name: 'node-1' }
 * ```
 * @since 0.1.0
 */
export function splitMetaNamespaceKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  if (slash === -1) return { namespace: '', name: key };
  if (key.indexOf('/', slash + 1) !== -1) throw new MalformedKeyError(key);
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
