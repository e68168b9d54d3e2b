import { describe, it, expect } from 'vitest';
import { KubeCacheError } from '@kube-cache/store-core';
import { E2eHarnessError } from './e2e-harness-error';

describe('E2eHarnessError', () => {
  it('should be recognised by its own marker, keeping its cause and name', () => {
    const cause = new Error('root');
    const error = new E2eHarnessError('etcd did not start', { cause });
    expect(E2eHarnessError.isInstance(error)).toBe(true);
    expect(E2eHarnessError.isInstance(new Error('x'))).toBe(false);
    expect(E2eHarnessError.isInstance(null)).toBe(false);
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('E2eHarnessError');
  });

  it('should not be a KubeCacheError, nor a KubeCacheError an E2eHarnessError', () => {
    expect(KubeCacheError.isInstance(new E2eHarnessError('etcd did not start'))).toBe(false);
    expect(E2eHarnessError.isInstance(new KubeCacheError('library error'))).toBe(false);
  });

  it('should recognise an error from a second installed copy by the marker', () => {
    const foreign = Object.assign(new Error('from another copy'), {
      [Symbol.for('kube-cache.e2e-harness.error')]: true,
      name: 'E2eHarnessError',
    });
    expect(E2eHarnessError.isInstance(foreign)).toBe(true);
    expect(KubeCacheError.isInstance(foreign)).toBe(false);
  });
});
