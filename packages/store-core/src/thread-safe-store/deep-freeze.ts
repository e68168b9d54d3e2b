// Objects this module has frozen all the way down, so a shared sub-object is walked only once.
const deeplyFrozen = new WeakSet<object>();

function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/**
 * Freezes `value` and everything reachable through its own data properties. Typed arrays and
 * other `ArrayBuffer` views are left alone (the language cannot freeze their elements); the
 * internal contents of `Map`, `Set` and `Date` are not frozen either. What the mutation detectors
 * (`detectMutations` of the stores and informers) apply to every object they hand out.
 *
 * @param value - anything; primitives are left as they are.
 * @example
 * ```ts
 * const pod = { metadata: { labels: { app: 'web' } } };
 * deepFreeze(pod);
 * pod.metadata.labels.app = 'db'; // TypeError in strict mode (every ES module)
 * ```
 * @since 0.2.0
 */
export function deepFreeze(value: unknown): void {
  if (!isObjectLike(value) || deeplyFrozen.has(value)) return;
  // An explicit stack rather than recursion: deep objects must not overflow the call stack.
  const pending: object[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === undefined || deeplyFrozen.has(current)) continue;
    if (ArrayBuffer.isView(current)) {
      deeplyFrozen.add(current);
      continue;
    }
    Object.freeze(current);
    deeplyFrozen.add(current);
    for (const key of Reflect.ownKeys(current)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(current, key);
      if (descriptor !== undefined && 'value' in descriptor) {
        const child: unknown = descriptor.value;
        if (isObjectLike(child) && !deeplyFrozen.has(child)) pending.push(child);
      }
    }
  }
}
