import { describe, it, expect } from 'vitest';
import { diffObjectVersions, objectVersionOf, objectVersions } from './object-state';

describe('objectVersionOf', () => {
  it('should key namespaced objects as namespace/name and cluster-scoped ones by name', () => {
    expect(
      objectVersionOf({ metadata: { name: 'a', namespace: 'ns', resourceVersion: '7' } }),
    ).toEqual({
      key: 'ns/a',
      resourceVersion: '7',
    });
    expect(objectVersionOf({ metadata: { name: 'node-1', resourceVersion: '8' } })).toEqual({
      key: 'node-1',
      resourceVersion: '8',
    });
  });

  it('should throw for an object without name or resourceVersion', () => {
    expect(() => objectVersionOf({ metadata: { name: 'a' } })).toThrow(
      'no metadata.name/resourceVersion',
    );
    expect(() => objectVersionOf('nope')).toThrow('not a stored Kubernetes object');
  });
});

describe('objectVersions', () => {
  it('should refuse a key seen twice', () => {
    const object = { metadata: { name: 'a', resourceVersion: '1' } };
    expect(() => objectVersions([object, object])).toThrow('appears twice');
  });
});

describe('diffObjectVersions', () => {
  it('should report missing, stale and extra objects, and nothing for equal states', () => {
    const server = new Map([
      ['ns/a', '1'],
      ['ns/b', '5'],
    ]);
    expect(diffObjectVersions(server, new Map(server))).toEqual([]);
    const cache = new Map([
      ['ns/b', '4'],
      ['ns/c', '3'],
    ]);
    expect(diffObjectVersions(server, cache)).toEqual([
      'missing from the cache: ns/a@1',
      'stale in the cache: ns/b@4, server has @5',
      'not on the server: ns/c@3',
    ]);
  });

  it('should cut a long report', () => {
    const server = new Map(Array.from({ length: 30 }, (_, index) => [`k${index}`, '1'] as const));
    const report = diffObjectVersions(server, new Map(), 5);
    expect(report).toHaveLength(6);
    expect(report.at(-1)).toBe('... and 25 more');
  });
});
