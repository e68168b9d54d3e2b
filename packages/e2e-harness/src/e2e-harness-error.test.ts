import { describe, it, expect } from 'vitest';
import { KubeCacheError } from '@kube-cache/store-core';
import { E2eHarnessError } from './e2e-harness-error';

describe('E2eHarnessError', () => {
  it('should be recognised by name and as a KubeCacheError, keeping its cause', () => {
    const cause = new Error('root');
    const error = new E2eHarnessError('etcd did not start', { cause });
    expect(E2eHarnessError.isInstance(error)).toBe(true);
    expect(KubeCacheError.isInstance(error)).toBe(true);
    expect(E2eHarnessError.isInstance(new Error('x'))).toBe(false);
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('E2eHarnessError');
  });
});
