import { afterEach, describe, it, expect, vi } from 'vitest';
import type { ListerWatcher } from '@kube-cache/indexer';
import { listServerState, objectKey, verifyCache } from './verify-cache';

afterEach(() => {
  vi.useRealTimers();
});

describe('verifyCache', () => {
  it('should return as soon as the cache catches up with the server', async () => {
    vi.useFakeTimers();
    const server = new Map([['a/x', '2']]);
    let reads = 0;
    const readCache = () => {
      reads += 1;
      return new Map([['a/x', reads < 3 ? '1' : '2']]);
    };
    const result = verifyCache({
      readCache,
      readServer: () => Promise.resolve(server),
      timeoutMilliseconds: 10_000,
      intervalMilliseconds: 100,
    });
    await vi.advanceTimersByTimeAsync(250);
    await expect(result).resolves.toMatchObject({ differences: 0, objects: 1 });
    expect(reads).toBe(3);
  });

  it('should give up with the last differences when the time is up', async () => {
    vi.useFakeTimers();
    const result = verifyCache({
      readCache: () => new Map([['a/x', '1']]),
      readServer: () => Promise.resolve(new Map([['a/x', '2']])),
      timeoutMilliseconds: 1_000,
      intervalMilliseconds: 100,
    });
    await vi.advanceTimersByTimeAsync(1_100);
    await expect(result).resolves.toMatchObject({ differences: 1, stale: ['a/x'] });
  });
});

describe('objectKey', () => {
  it('should join namespace and name, and use the name alone for cluster-scoped objects', () => {
    expect(objectKey({ metadata: { namespace: 'ns', name: 'pod' } })).toBe('ns/pod');
    expect(objectKey({ metadata: { name: 'node-1' } })).toBe('node-1');
  });
});

describe('listServerState', () => {
  it('should follow continue tokens through every page', async () => {
    const pages = [
      {
        items: [{ metadata: { namespace: 'a', name: 'x', resourceVersion: '1' } }],
        resourceVersion: '9',
        continue: 'next',
      },
      {
        items: [{ metadata: { namespace: 'a', name: 'y', resourceVersion: '2' } }],
        resourceVersion: '9',
      },
    ];
    const list = vi.fn((options: { continue?: string | undefined }) =>
      Promise.resolve(options.continue === 'next' ? pages[1]! : pages[0]!),
    );
    const listerWatcher = {
      list,
      watch: () => Promise.reject(new Error('unused')),
    } as unknown as ListerWatcher<{
      metadata: { namespace: string; name: string; resourceVersion: string };
    }>;
    const state = await listServerState(listerWatcher, new AbortController().signal, 1);
    expect([...state]).toEqual([
      ['a/x', '1'],
      ['a/y', '2'],
    ]);
    expect(list).toHaveBeenCalledTimes(2);
  });
});
