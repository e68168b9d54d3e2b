import { applyPatch } from 'rfc6902';
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

  it('should apply all operations or none, leaving the target unmodified', () => {
    const target = { a: 1, list: [1] };
    expect(() =>
      applyJsonPatch(target, [
        { op: 'add', path: '/b', value: 2 },
        { op: 'remove', path: '/list/0' },
        { op: 'test', path: '/a', value: 2 },
      ]),
    ).toThrow(expect.objectContaining({ code: 422 }));
    expect(target).toEqual({ a: 1, list: [1] });
  });

  it('should see only own properties: a name the prototype inherits is a missing path', () => {
    for (const operation of [
      { op: 'test', path: '/toString', value: {} },
      { op: 'remove', path: '/hasOwnProperty' },
      { op: 'replace', path: '/a/valueOf', value: 1 },
      { op: 'copy', from: '/toString', path: '/stolen' },
      { op: 'add', path: '/toString/x', value: 1 },
    ])
      expect(() => applyJsonPatch({ a: {} }, [operation])).toThrow(
        expect.objectContaining({ code: 422 }),
      );
    expect(applyJsonPatch({ a: {} }, [{ op: 'add', path: '/toString', value: 'data' }])).toEqual({
      a: {},
      toString: 'data',
    });
  });

  it('should refuse an array index past the end (422), an unknown op and a move without from (400)', () => {
    expect(() => applyJsonPatch({ list: [1] }, [{ op: 'add', path: '/list/2', value: 3 }])).toThrow(
      expect.objectContaining({ code: 422 }),
    );
    expect(() => applyJsonPatch({ a: 1 }, [{ op: 'bogus', path: '/a' }])).toThrow(
      expect.objectContaining({ code: 400 }),
    );
    expect(() => applyJsonPatch({ a: 1 }, [{ op: 'move', path: '/b' }])).toThrow(
      expect.objectContaining({ code: 400 }),
    );
    expect(() => applyJsonPatch({ a: 1 }, [{ op: 'add', path: 'a', value: 1 }])).toThrow(
      expect.objectContaining({ code: 400 }),
    );
  });

  it('should keep its guard in front of rfc6902, which skips a "__proto__" segment silently', () => {
    // Why the guard exists: the library would apply "/__proto__/x" as "/x".
    const unguarded: Record<string, unknown> = { a: 1 };
    applyPatch(unguarded, [{ op: 'add', path: '/__proto__/x', value: 1 }]);
    expect(unguarded).toEqual({ a: 1, x: 1 });
    expect(() => applyJsonPatch({ a: 1 }, [{ op: 'add', path: '/__proto__/x', value: 1 }])).toThrow(
      expect.objectContaining({ code: 422 }),
    );
  });
});
