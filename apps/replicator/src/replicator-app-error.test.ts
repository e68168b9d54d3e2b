import { KubeCacheError } from '@kube-cache/store-core';
import { describe, expect, it } from 'vitest';
import { ReplicatorAppError } from './replicator-app-error';
import { ReplicaWriteError } from './replica-writer';
import { ReplicatorUsageError } from './replicator-usage-error';

describe('ReplicatorAppError', () => {
  it("should mark the app's errors as its own and not as the library's", () => {
    const errors = [
      new ReplicatorUsageError('bad usage'),
      new ReplicaWriteError('create failed', 409),
    ];
    for (const error of errors) {
      expect(ReplicatorAppError.isInstance(error)).toBe(true);
      expect(KubeCacheError.isInstance(error)).toBe(false);
    }
    expect(ReplicatorAppError.isInstance(new KubeCacheError('library error'))).toBe(false);
    expect(ReplicatorAppError.isInstance(new Error('plain'))).toBe(false);
    expect(ReplicatorAppError.isInstance(null)).toBe(false);
  });

  it('should keep the cause and the literal name', () => {
    const cause = new Error('inner');
    const error = new ReplicatorAppError('outer', { cause });
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('ReplicatorAppError');
    expect(ReplicatorAppError.hasName(error, 'ReplicatorAppError')).toBe(true);
    expect(ReplicatorAppError.hasName(error, 'ReplicatorUsageError')).toBe(false);
  });

  it('should recognise an error from a second copy by its marker, not by class identity', () => {
    const foreign = Object.assign(new Error('from another copy'), {
      [Symbol.for('kube-cache-example.replicator.error')]: true,
      name: 'ReplicatorUsageError',
    });
    expect(ReplicatorAppError.isInstance(foreign)).toBe(true);
    expect(ReplicatorUsageError.isInstance(foreign)).toBe(true);
    expect(KubeCacheError.isInstance(foreign)).toBe(false);
    const library = Object.assign(new Error('library copy'), {
      [Symbol.for('kube-cache.error')]: true,
      name: 'ReplicatorUsageError',
    });
    expect(ReplicatorUsageError.isInstance(library)).toBe(false);
  });
});
