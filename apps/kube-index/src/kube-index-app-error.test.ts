import { KubeCacheError } from '@kube-cache/store-core';
import { describe, expect, it } from 'vitest';
import { KubeIndexAppError } from './kube-index-app-error';
import { JsonPathSyntaxError } from './json-path';
import { KubeIndexError } from './kube-index-error';

describe('KubeIndexAppError', () => {
  it("should mark the app's errors as its own and not as the library's", () => {
    const errors = [
      new KubeIndexError('bad usage', { exitCode: 2 }),
      new JsonPathSyntaxError('{.a', 'unclosed'),
    ];
    for (const error of errors) {
      expect(KubeIndexAppError.isInstance(error)).toBe(true);
      expect(KubeCacheError.isInstance(error)).toBe(false);
    }
    expect(KubeIndexAppError.isInstance(new KubeCacheError('library error'))).toBe(false);
    expect(KubeIndexAppError.isInstance(new Error('plain'))).toBe(false);
    expect(KubeIndexAppError.isInstance(null)).toBe(false);
  });

  it('should keep the cause and the literal name', () => {
    const cause = new Error('inner');
    const error = new KubeIndexAppError('outer', { cause });
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('KubeIndexAppError');
    expect(KubeIndexAppError.hasName(error, 'KubeIndexAppError')).toBe(true);
    expect(KubeIndexAppError.hasName(error, 'KubeIndexError')).toBe(false);
  });

  it('should recognise an error from a second copy by its marker, not by class identity', () => {
    const foreign = Object.assign(new Error('from another copy'), {
      [Symbol.for('kube-cache-example.kube-index.error')]: true,
      name: 'KubeIndexError',
    });
    expect(KubeIndexAppError.isInstance(foreign)).toBe(true);
    expect(KubeIndexError.isInstance(foreign)).toBe(true);
    expect(KubeCacheError.isInstance(foreign)).toBe(false);
    const library = Object.assign(new Error('library copy'), {
      [Symbol.for('kube-cache.error')]: true,
      name: 'KubeIndexError',
    });
    expect(KubeIndexError.isInstance(library)).toBe(false);
  });
});
