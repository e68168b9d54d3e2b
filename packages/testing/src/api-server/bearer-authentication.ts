import { timingSafeEqual } from 'node:crypto';

/**
 * Whether a request's `Authorization` header carries the token the server requires, as the real
 * server's bearer authenticator reads it: the scheme in any case, then the token (surrounding
 * spaces ignored). The comparison takes the same time wherever the token differs.
 *
 * @param token - the token the server requires; `undefined` accepts every request.
 * @param authorization - the request's `Authorization` header, if any.
 * @returns `true` when the request is authenticated.
 */
export function bearerAuthenticated(
  token: string | undefined,
  authorization: string | undefined,
): boolean {
  if (token === undefined) return true;
  const [scheme, presented] = (authorization ?? '').trim().split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || presented === undefined || presented === '')
    return false;
  const expected = Buffer.from(token);
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
