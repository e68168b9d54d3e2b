import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { labelSelectorFromMatchLabels, parseLabelSelector } from './label-selector';
import type { LabelRequirement } from './label-selector-types';
import { SelectorParseError } from '../errors';

describe('parseLabelSelector', () => {
  describe('valid selectors', () => {
    const cases: [string, string, LabelRequirement[]][] = [
      ['', '', []],
      ['   ', '', []],
      ['x=a', 'x=a', [{ key: 'x', operator: '=', values: ['a'] }]],
      ['x==a', 'x==a', [{ key: 'x', operator: '==', values: ['a'] }]],
      ['x!=a', 'x!=a', [{ key: 'x', operator: '!=', values: ['a'] }]],
      ['x=', 'x=', [{ key: 'x', operator: '=', values: [''] }]],
      [
        'x= ,z= ',
        'x=,z=',
        [
          { key: 'x', operator: '=', values: [''] },
          { key: 'z', operator: '=', values: [''] },
        ],
      ],
      ['x', 'x', [{ key: 'x', operator: 'exists', values: [] }]],
      ['!x', '!x', [{ key: 'x', operator: '!', values: [] }]],
      ['  ! x ', '!x', [{ key: 'x', operator: '!', values: [] }]],
      ['x>1', 'x>1', [{ key: 'x', operator: 'gt', values: ['1'] }]],
      ['x<10', 'x<10', [{ key: 'x', operator: 'lt', values: ['10'] }]],
      ['x in (b,a,b)', 'x in (a,b)', [{ key: 'x', operator: 'in', values: ['a', 'b'] }]],
      ['  x  in  (  a , b )  ', 'x in (a,b)', [{ key: 'x', operator: 'in', values: ['a', 'b'] }]],
      ['x notin (a)', 'x notin (a)', [{ key: 'x', operator: 'notin', values: ['a'] }]],
      ['x in ()', 'x in ()', [{ key: 'x', operator: 'in', values: [''] }]],
      ['x in (,a)', 'x in (,a)', [{ key: 'x', operator: 'in', values: ['', 'a'] }]],
      ['x in (a,)', 'x in (,a)', [{ key: 'x', operator: 'in', values: ['', 'a'] }]],
      [
        'x in (in,notin)',
        'x in (in,notin)',
        [{ key: 'x', operator: 'in', values: ['in', 'notin'] }],
      ],
      ['in=notin', 'in=notin', [{ key: 'in', operator: '=', values: ['notin'] }]],
      [
        'z in (a),x,!y',
        'x,!y,z in (a)',
        [
          { key: 'x', operator: 'exists', values: [] },
          { key: 'y', operator: '!', values: [] },
          { key: 'z', operator: 'in', values: ['a'] },
        ],
      ],
      [
        'example.com/app=web-1',
        'example.com/app=web-1',
        [{ key: 'example.com/app', operator: '=', values: ['web-1'] }],
      ],
      [
        `k=${'v'.repeat(63)}`,
        `k=${'v'.repeat(63)}`,
        [{ key: 'k', operator: '=', values: ['v'.repeat(63)] }],
      ],
    ];
    it.each(cases)('should parse %j', (text, canonical, requirements) => {
      const selector = parseLabelSelector(text);
      expect(selector.requirements).toEqual(requirements);
      expect(selector.toString()).toBe(canonical);
      expect(selector.isEmpty()).toBe(requirements.length === 0);
    });
  });

  describe('invalid selectors', () => {
    const cases: [string, number, RegExp][] = [
      ['x=a||y=b', 2, /label value "a\|\|y"/],
      ['x==a==b', 4, /expected: ',' or 'end of string'/],
      ['!x=a', 2, /found '=', expected: ',' or 'end of string'/],
      ['x<a', 2, /the value must be an integer/],
      ['x>1.5', 2, /the value must be an integer/],
      ['x=a,', 4, /expected: identifier after ','/],
      [',x=a', 0, /expected: !, identifier, or 'end of string'/],
      ['x in (a', 7, /expected: ',' or '\)'|expected: ',', or identifier/],
      ['x in a', 5, /expected: '\('/],
      ['x in (a b)', 8, /expected: ',' or '\)'/],
      ['x notin', 7, /expected: '\('/],
      ['x a', 2, /expected: in, notin, =, ==, !=, gt, lt/],
      ['x=(a)', 2, /expected: identifier/],
      ['x=a b', 4, /expected: ',' or 'end of string'/],
      ['-x=a', 0, /name part must consist of alphanumeric characters/],
      ['a/b/c=d', 0, /at most one '\/'/],
      ['/a=b', 0, /prefix part must be non-empty/],
      ['Example.com/a=b', 0, /prefix part must be a lowercase DNS subdomain/],
      [`${'k'.repeat(64)}=v`, 0, /name part must be no more than 63 characters/],
      [`k=${'v'.repeat(64)}`, 2, /no more than 63 characters/],
      ['k=-v', 2, /label value "-v"/],
      ['k in (a,-b)', 8, /label value "-b"/],
      ['=a', 0, /expected: !, identifier, or 'end of string'/],
      ['!', 1, /found '', expected: identifier/],
    ];
    it.each(cases)('should refuse %j at position %i', (text, position, detail) => {
      let caught: unknown;
      try {
        parseLabelSelector(text);
      } catch (error) {
        caught = error;
      }
      expect(SelectorParseError.isInstance(caught)).toBe(true);
      if (!SelectorParseError.isInstance(caught)) return;
      expect(caught.message).toMatch(detail);
      expect(caught.message).toContain(JSON.stringify(text));
      expect(caught.position).toBe(position);
      expect(caught.selector).toBe(text);
      expect(caught.selectorKind).toBe('label');
    });
  });
});

describe('LabelSelector.matches', () => {
  const cases: [string, Record<string, string> | undefined, boolean][] = [
    ['', undefined, true],
    ['x=y', { x: 'y' }, true],
    ['x=y', { x: 'z' }, false],
    ['x=y', {}, false],
    ['x==y', { x: 'y' }, true],
    ['x!=y', { x: 'z' }, true],
    ['x!=y', { x: 'y' }, false],
    ['x!=y', {}, true],
    ['x=', { x: '' }, true],
    ['x=', {}, false],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x=y,z=w', { x: 'y', z: 'q' }, false],
    ['x in (a,b)', { x: 'b' }, true],
    ['x in (a,b)', { x: 'c' }, false],
    ['x in (a,b)', undefined, false],
    ['x notin (a,b)', { x: 'c' }, true],
    ['x notin (a,b)', { x: 'a' }, false],
    ['x notin (a,b)', {}, true],
    ['x', { x: '' }, true],
    ['x', { y: 'x' }, false],
    ['!x', { y: 'x' }, true],
    ['!x', { x: '' }, false],
    ['x>1', { x: '2' }, true],
    ['x>1', { x: '1' }, false],
    ['x>1', { x: 'a' }, false],
    ['x>1', {}, false],
    ['x<1', { x: '0' }, true],
    ['x<1', { x: '-5' }, true],
    ['x>9223372036854775806', { x: '9223372036854775807' }, true],
    ['x>1', { x: '9223372036854775808' }, false],
    ['toString', {}, false],
  ];
  it.each(cases)('should evaluate %j against %j as %s', (text, labels, expected) => {
    expect(parseLabelSelector(text).matches(labels)).toBe(expected);
  });
});

describe('labelSelectorFromMatchLabels', () => {
  it('should turn matchLabels and matchExpressions into requirements', () => {
    const selector = labelSelectorFromMatchLabels({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['b', 'a'] },
        { key: 'env', operator: 'NotIn', values: ['prod'] },
        { key: 'team', operator: 'Exists' },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    });
    expect(selector.toString()).toBe('app=web,!canary,env notin (prod),team,tier in (a,b)');
    expect(selector.matches({ app: 'web', tier: 'a', team: 'x' })).toBe(true);
    expect(selector.matches({ app: 'web', tier: 'a', team: 'x', canary: 'true' })).toBe(false);
  });

  it('should match everything without requirements', () => {
    expect(labelSelectorFromMatchLabels({}).isEmpty()).toBe(true);
    expect(labelSelectorFromMatchLabels({ matchLabels: {} }).matches({ a: 'b' })).toBe(true);
  });

  it('should refuse invalid expressions', () => {
    expect(() =>
      labelSelectorFromMatchLabels({
        matchExpressions: [{ key: 'a', operator: 'In', values: [] }],
      }),
    ).toThrow(/values set can't be empty/);
    expect(() =>
      labelSelectorFromMatchLabels({
        matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }],
      }),
    ).toThrow(SelectorParseError);
    expect(() => labelSelectorFromMatchLabels({ matchLabels: { 'bad key': 'x' } })).toThrow(
      /name part/,
    );
    const operator = 'Gt' as 'In';
    expect(() =>
      labelSelectorFromMatchLabels({ matchExpressions: [{ key: 'a', operator }] }),
    ).toThrow(/"Gt" is not a valid label selector operator/);
  });
});

describe('label selector properties', () => {
  const name = fc.stringMatching(/^[a-zA-Z0-9]([-a-zA-Z0-9_.]{0,6}[a-zA-Z0-9])?$/);
  const key = fc.oneof(
    name,
    fc
      .tuple(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,4}[a-z0-9])?(\.[a-z]{1,3})?$/), name)
      .map(([prefix, part]) => `${prefix}/${part}`),
  );
  const value = fc.oneof(fc.constant(''), name);
  const space = fc.constantFrom('', ' ', '  ', '\t');
  const requirementText = fc.oneof(
    fc
      .tuple(key, fc.constantFrom('=', '==', '!='), value, space)
      .map(([k, operator, v, s]) => `${k}${s}${operator}${s}${v}`),
    fc
      .tuple(
        key,
        fc.constantFrom('in', 'notin'),
        fc.array(value, { minLength: 1, maxLength: 3 }),
        space,
      )
      .map(
        ([k, operator, values, s]) => `${k} ${operator}${s}(${s}${values.join(`${s},${s}`)}${s})`,
      ),
    fc
      .tuple(key, fc.constantFrom('>', '<'), fc.nat({ max: 1000 }))
      .map(([k, operator, bound]) => `${k}${operator}${bound}`),
    key,
    key.map((k) => `!${k}`),
  );
  const selectorText = fc.array(requirementText, { maxLength: 5 }).map((parts) => parts.join(','));
  const labels = fc.dictionary(
    fc.constantFrom('a', 'b', 'x', 'x.io/y', 'k'),
    fc.oneof(value, fc.nat({ max: 2000 }).map(String)),
  );

  it('should re-parse its toString() to an equivalent selector', () => {
    fc.assert(
      fc.property(selectorText, fc.array(labels, { maxLength: 5 }), (text, labelSets) => {
        const selector = parseLabelSelector(text);
        const reparsed = parseLabelSelector(selector.toString());
        expect(reparsed.requirements).toEqual(selector.requirements);
        expect(reparsed.toString()).toBe(selector.toString());
        for (const set of labelSets) expect(reparsed.matches(set)).toBe(selector.matches(set));
      }),
    );
  });
});
