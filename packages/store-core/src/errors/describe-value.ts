/**
 * A short, never-throwing description of any value for error messages: the message of an
 * `Error`, a string as is, otherwise `String(value)` cut to 200 characters.
 *
 * @internal
 */
export function describeValue(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return value;
  try {
    const text = String(value);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    // A value whose toString throws (or a null-prototype object) still gets a description.
    return Object.prototype.toString.call(value);
  }
}
