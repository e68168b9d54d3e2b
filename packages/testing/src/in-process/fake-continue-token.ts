/**
 * The position a continue token encodes: the resourceVersion of the list's snapshot and the last
 * key already returned.
 *
 * @since 0.1.0
 */
export interface ContinuePosition {
  resourceVersion: number;
  lastKey: string;
}

/**
 * Encodes a continue token the way the API server does: base64 JSON `{v, rv, start}`, where
 * `start` is the key to resume at (the last key plus a NUL, the smallest key after it).
 *
 * @param position - the snapshot's resourceVersion and the last returned key.
 * @returns the opaque token.
 * @since 0.1.0
 */
export function encodeContinueToken(position: ContinuePosition): string {
  const json = JSON.stringify({
    v: 'meta.k8s.io/v1',
    rv: position.resourceVersion,
    start: `${position.lastKey}\u0000`,
  });
  return Buffer.from(json, 'utf8').toString('base64');
}

/**
 * Decodes a token made by {@link encodeContinueToken}.
 *
 * @param token - the `continue` option.
 * @returns the position, or `undefined` when the token is not valid.
 * @since 0.1.0
 */
export function decodeContinueToken(token: string): ContinuePosition | undefined {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof decoded !== 'object' || decoded === null) return undefined;
  const { v, rv, start } = decoded as Record<string, unknown>;
  if (v !== 'meta.k8s.io/v1' || typeof rv !== 'number' || !Number.isSafeInteger(rv) || rv <= 0)
    return undefined;
  if (typeof start !== 'string' || !start.endsWith('\u0000')) return undefined;
  return { resourceVersion: rv, lastKey: start.slice(0, -1) };
}
