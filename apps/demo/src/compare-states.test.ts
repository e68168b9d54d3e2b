import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compareStates, describeComparison } from './compare-states';

describe('compareStates', () => {
  it('should find no differences between equal states', () => {
    const state = new Map([
      ['a/x', '1'],
      ['b/y', '2'],
    ]);
    const comparison = compareStates(new Map(state), state);
    expect(comparison).toEqual({ objects: 2, missing: [], extra: [], stale: [], differences: 0 });
  });

  it('should sort keys into missing, extra and stale', () => {
    const cache = new Map([
      ['a/x', '1'],
      ['a/gone', '3'],
      ['a/old', '4'],
    ]);
    const server = new Map([
      ['a/x', '1'],
      ['a/new', '5'],
      ['a/old', '6'],
    ]);
    expect(compareStates(cache, server)).toEqual({
      objects: 3,
      missing: ['a/new'],
      extra: ['a/gone'],
      stale: ['a/old'],
      differences: 3,
    });
  });

  it('should report zero differences exactly when the maps are equal', () => {
    const state = fc.dictionary(fc.string({ maxLength: 3 }), fc.constantFrom('1', '2'), {
      maxKeys: 8,
    });
    fc.assert(
      fc.property(state, state, (left, right) => {
        const cache = new Map(Object.entries(left));
        const server = new Map(Object.entries(right));
        const equal =
          cache.size === server.size &&
          [...cache].every(([key, value]) => server.get(key) === value);
        expect(compareStates(cache, server).differences === 0).toBe(equal);
      }),
    );
  });
});

describe('describeComparison', () => {
  it('should print the match line when nothing differs', () => {
    expect(
      describeComparison({ objects: 20000, missing: [], extra: [], stale: [], differences: 0 }),
    ).toBe('cache matches server: 20000 objects, 0 differences');
  });

  it('should name the differing keys when something differs', () => {
    const line = describeComparison({
      objects: 2,
      missing: ['a/x'],
      extra: [],
      stale: ['a/y'],
      differences: 2,
    });
    expect(line).toBe(
      'cache DIFFERS from server: 2 objects, 2 differences (1 missing, 0 extra, 1 stale; missing a/x, stale a/y)',
    );
  });
});
