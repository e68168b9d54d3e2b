import { statusErrors } from './api-status';

/**
 * What a continue token carries: the snapshot's resourceVersion (`-1` after an expired token:
 * read the latest) and the first key of the next page.
 */
export interface ContinuePosition {
  readonly resourceVersion: number;
  readonly startKey: string;
}

/**
 * Encodes a continue token as the real server does (`encodeContinue` of k8s.io/apiserver's etcd3
 * store): unpadded URL-safe base64 (Go's `base64.RawURLEncoding`) of the JSON `{v, rv, start}`,
 * where `start` is the key to resume at relative to the listed prefix: the last returned key
 * plus a NUL, the smallest key after it.
 *
 * @param position - the snapshot resourceVersion and the next page's start key.
 * @returns the opaque token.
 */
export function encodeContinueToken(position: ContinuePosition): string {
  const json = JSON.stringify({
    v: 'meta.k8s.io/v1',
    rv: position.resourceVersion,
    start: position.startKey,
  });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/**
 * Decodes a continue token.
 *
 * @param token - the `continue` query parameter.
 * @returns the position.
 * @throws ApiStatusError 400 when the token is not one of ours.
 */
export function decodeContinueToken(token: string): ContinuePosition {
  // Go's base64.RawURLEncoding: the URL-safe alphabet without padding, nothing else.
  const illegal = /[^A-Za-z0-9_-]/.exec(token);
  if (illegal !== null)
    throw statusErrors.badRequest(
      `continue key is not valid: illegal base64 data at input byte ${illegal.index}`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch (error) {
    throw statusErrors.badRequest(
      `continue key is not valid: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw statusErrors.badRequest('continue key is not valid: not an object');
  const { v, rv, start } = parsed as Record<string, unknown>;
  if (v !== 'meta.k8s.io/v1')
    throw statusErrors.badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  if (typeof rv !== 'number' || !Number.isInteger(rv) || rv === 0 || rv < -1)
    throw statusErrors.badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion',
    );
  if (typeof start !== 'string' || start === '')
    throw statusErrors.badRequest('continue key is not valid: encoded start key empty');
  return { resourceVersion: rv, startKey: start };
}
