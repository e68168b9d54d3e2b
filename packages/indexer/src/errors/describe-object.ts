/**
 * A short, never-throwing description of an object for error messages: `Pod "ns/name"` for a
 * Kubernetes object, otherwise a JSON (or `String`) rendering cut to 200 characters.
 *
 * @internal
 */
export function describeObject(object: unknown): string {
  if (typeof object === 'object' && object !== null) {
    const { kind, metadata } = object as { kind?: unknown; metadata?: unknown };
    if (typeof metadata === 'object' && metadata !== null) {
      const { namespace, name } = metadata as { namespace?: unknown; name?: unknown };
      if (typeof name === 'string') {
        const label = typeof kind === 'string' && kind !== '' ? kind : 'object';
        const fullName =
          typeof namespace === 'string' && namespace !== '' ? `${namespace}/${name}` : name;
        return `${label} ${JSON.stringify(fullName)}`;
      }
    }
  }
  let text: string;
  try {
    text = JSON.stringify(object) ?? String(object);
  } catch {
    // Cycles, BigInt, throwing getters: fall back to something that cannot fail.
    text = Object.prototype.toString.call(object);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
