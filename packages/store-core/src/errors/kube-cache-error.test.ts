import { describe, expect, it } from 'vitest';
import { KubeCacheError } from './kube-cache-error';

class ExampleError extends KubeCacheError {
  override readonly name = 'ExampleError' as const;
  static override isInstance(error: unknown): error is ExampleError {
    return KubeCacheError.hasName(error, 'ExampleError');
  }
}

describe('KubeCacheError', () => {
  it('should be recognised by its marker, not by class identity', () => {
    const foreign = Object.assign(new Error('from another copy'), {
      [Symbol.for('kube-cache.error')]: true,
      name: 'ExampleError',
    });
    expect(KubeCacheError.isInstance(foreign)).toBe(true);
    expect(ExampleError.isInstance(foreign)).toBe(true);
    expect(KubeCacheError.isInstance(new Error('plain'))).toBe(false);
    expect(KubeCacheError.isInstance(null)).toBe(false);
    expect(KubeCacheError.isInstance('a string')).toBe(false);
  });

  it('should keep the cause and the literal name', () => {
    const cause = new Error('inner');
    const error = new ExampleError('outer', { cause });
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('ExampleError');
    expect(ExampleError.isInstance(new KubeCacheError('base'))).toBe(false);
  });
});
