/**
 * Reads a `Retry-After` header as client-go's REST client does: a whole number of seconds. The
 * HTTP-date form, negative, fractional or absurd values give `undefined` (no wait asked for).
 *
 * @param header - the header's value(s); the first one counts.
 * @returns the wait in milliseconds, or `undefined`.
 * @internal
 */
export function parseRetryAfter(
  header: string | readonly string[] | undefined,
): number | undefined {
  const value = typeof header === 'string' ? header : header?.[0];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^\d{1,9}$/.test(trimmed)) return undefined;
  const seconds = Number(trimmed);
  return seconds > 0 ? seconds * 1000 : undefined;
}
