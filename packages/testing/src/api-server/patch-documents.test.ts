import { describe, expect, it } from 'vitest';
import { applyJsonPatch, applyMergePatch } from './patch-documents';

describe('applyMergePatch', () => {
  // The examples of RFC 7386, appendix A.
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('should patch %j with %j into %j', (target, patch, expected) => {
    expect(applyMergePatch(target, patch)).toEqual(expected);
  });

  it('should strip strategic merge patch directives', () => {
    const patch = {
      metadata: { labels: { a: '1' }, $retainKeys: ['labels'] },
      '$setElementOrder/containers': [{ name: 'x' }],
    };
    expect(applyMergePatch({ metadata: {} }, patch, true)).toEqual({
      metadata: { labels: { a: '1' } },
    });
  });

  it('should not modify the target', () => {
    const target = { a: { b: 1 } };
    applyMergePatch(target, { a: { b: 2 } });
    expect(target).toEqual({ a: { b: 1 } });
  });
});

describe('applyJsonPatch', () => {
  it('should apply add, remove, replace, move, copy and test', () => {
    const result = applyJsonPatch({ a: { b: 1 }, list: [1, 2] }, [
      { op: 'add', path: '/a/c', value: 2 },
      { op: 'add', path: '/list/-', value: 3 },
      { op: 'remove', path: '/list/0' },
      { op: 'replace', path: '/a/b', value: 10 },
      { op: 'copy', from: '/a/b', path: '/copied' },
      { op: 'move', from: '/a/c', path: '/moved' },
      { op: 'test', path: '/copied', value: 10 },
      { op: 'add', path: '/with~1slash', value: true },
    ]);
    expect(result).toEqual({
      a: { b: 10 },
      list: [2, 3],
      copied: 10,
      moved: 2,
      'with/slash': true,
    });
  });

  it('should reject a failing test with 422 and a non-array patch with 400', () => {
    expect(() => applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow(
      expect.objectContaining({ code: 422 }),
    );
    expect(() => applyJsonPatch({ a: 1 }, { op: 'add' })).toThrow(
      expect.objectContaining({ code: 400 }),
    );
    expect(() => applyJsonPatch({ a: 1 }, [{ op: 'remove', path: '/missing' }])).toThrow(
      expect.objectContaining({ code: 422 }),
    );
  });
});
