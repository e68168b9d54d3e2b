// Lease times are metav1.MicroTime: RFC 3339 in UTC with exactly six fractional digits.
// kube-apiserver 1.20 refuses a Date as JSON.stringify writes it (three digits) with a 400.

const rfc3339 = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Formats a time as a Kubernetes `MicroTime`: `2026-12-02T00:04:05.123000Z`.
 *
 * @param milliseconds - milliseconds since the epoch.
 * @returns the RFC 3339 UTC string with exactly six fractional digits.
 * @since 0.2.0
 */
export function formatMicroTime(milliseconds: number): string {
  const iso = new Date(Math.floor(milliseconds)).toISOString();
  // toISOString always ends in `.mmmZ`; microseconds below the millisecond are not known here.
  return `${iso.slice(0, -1)}000Z`;
}

/**
 * Brings an RFC 3339 time read from a Lease into `MicroTime` form (UTC, six fractional digits),
 * keeping every digit the server sent up to the microsecond, so that writing it back is accepted
 * and comparing two reads is exact.
 *
 * @param value - the time as read, for example `2026-12-02T00:04:05.123456Z` or
 *   `2026-12-02T01:04:05+01:00`.
 * @returns the normalised time, or `null` when `value` is not an RFC 3339 time.
 * @since 0.2.0
 */
export function normalizeMicroTime(value: string): string | null {
  const match = rfc3339.exec(value);
  if (match === null) return null;
  const [, date = '', time = '', digits = '', zone = 'Z'] = match;
  const fraction = digits.padEnd(6, '0').slice(0, 6);
  if (zone === 'Z' || zone === 'z') return `${date}T${time}.${fraction}Z`;
  const seconds = Date.parse(`${date}T${time}${zone}`);
  if (Number.isNaN(seconds)) return null;
  return `${new Date(seconds).toISOString().slice(0, 19)}.${fraction}Z`;
}
