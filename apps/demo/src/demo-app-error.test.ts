import { KubeCacheError } from '@kube-cache/store-core';
import { describe, expect, it } from 'vitest';
import { DemoAppError } from './demo-app-error';
import { DemoUsageError } from './demo-options';

describe('DemoAppError', () => {
  it("should mark the app's errors as its own and not as the library's", () => {
    const errors = [new DemoUsageError('bad option')];
    for (const error of errors) {
      expect(DemoAppError.isInstance(error)).toBe(true);
      expect(KubeCacheError.isInstance(error)).toBe(false);
    }
    expect(DemoAppError.isInstance(new KubeCacheError('library error'))).toBe(false);
    expect(DemoAppError.isInstance(new Error('plain'))).toBe(false);
    expect(DemoAppError.isInstance(null)).toBe(false);
  });

  it('should keep the cause and the literal name', () => {
    const cause = new Error('inner');
    const error = new DemoAppError('outer', { cause });
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('DemoAppError');
    expect(DemoAppError.hasName(error, 'DemoAppError')).toBe(true);
    expect(DemoAppError.hasName(error, 'DemoUsageError')).toBe(false);
  });

  it('should recognise an error from a second copy by its marker, not by class identity', () => {
    const foreign = Object.assign(new Error('from another copy'), {
      [Symbol.for('kube-cache-example.demo.error')]: true,
      name: 'DemoUsageError',
    });
    expect(DemoAppError.isInstance(foreign)).toBe(true);
    expect(DemoUsageError.isInstance(foreign)).toBe(true);
    expect(KubeCacheError.isInstance(foreign)).toBe(false);
    const library = Object.assign(new Error('library copy'), {
      [Symbol.for('kube-cache.error')]: true,
      name: 'DemoUsageError',
    });
    expect(DemoUsageError.isInstance(library)).toBe(false);
  });
});
