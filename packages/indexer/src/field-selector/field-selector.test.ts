import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeFieldSelectorValue, parseFieldSelector } from './field-selector';
import type { FieldRequirement } from './field-selector';
import { SelectorParseError } from '../errors';

describe('parseFieldSelector', () => {
  describe('valid selectors', () => {
    const cases: [string, string, FieldRequirement[]][] = [
      ['', '', []],
      ['a=b', 'a=b', [{ field: 'a', operator: '=', value: 'b' }]],
      ['a==b', 'a==b', [{ field: 'a', operator: '==', value: 'b' }]],
      ['a!=b', 'a!=b', [{ field: 'a', operator: '!=', value: 'b' }]],
      ['a=', 'a=', [{ field: 'a', operator: '=', value: '' }]],
      ['a=!b', 'a=!b', [{ field: 'a', operator: '=', value: '!b' }]],
      ['a= b', 'a= b', [{ field: 'a', operator: '=', value: ' b' }]],
      [
        'b=1,a=2',
        'a=2,b=1',
        [
          { field: 'a', operator: '=', value: '2' },
          { field: 'b', operator: '=', value: '1' },
        ],
      ],
      [
        'a=b,,c=d',
        'a=b,c=d',
        [
          { field: 'a', operator: '=', value: 'b' },
          { field: 'c', operator: '=', value: 'd' },
        ],
      ],
      ['a=x\\,y', 'a=x\\,y', [{ field: 'a', operator: '=', value: 'x,y' }]],
      ['a=x\\=y', 'a=x\\=y', [{ field: 'a', operator: '=', value: 'x=y' }]],
      ['a=x\\\\y', 'a=x\\\\y', [{ field: 'a', operator: '=', value: 'x\\y' }]],
      [
        'metadata.name=web-1,metadata.namespace!=kube-system',
        'metadata.name=web-1,metadata.namespace!=kube-system',
        [
          { field: 'metadata.name', operator: '=', value: 'web-1' },
          { field: 'metadata.namespace', operator: '!=', value: 'kube-system' },
        ],
      ],
    ];
    it.each(cases)('should parse %j', (text, canonical, requirements) => {
      const selector = parseFieldSelector(text);
      expect(selector.requirements).toEqual(requirements);
      expect(selector.toString()).toBe(canonical);
      expect(selector.isEmpty()).toBe(requirements.length === 0);
    });
  });

  describe('invalid selectors', () => {
    const cases: [string, number, RegExp][] = [
      ['a', 0, /can't understand 'a'/],
      ['a=b,c', 4, /can't understand 'c'/],
      ['a=b=c', 3, /unescaped '='/],
      ['a=b\\', 3, /invalid escape sequence '\\'/],
      ['a=b\\x', 3, /invalid escape sequence '\\x'/],
    ];
    it.each(cases)('should refuse %j at position %i', (text, position, detail) => {
      let caught: unknown;
      try {
        parseFieldSelector(text);
      } catch (error) {
        caught = error;
      }
      expect(SelectorParseError.isInstance(caught)).toBe(true);
      if (!SelectorParseError.isInstance(caught)) return;
      expect(caught.message).toMatch(detail);
      expect(caught.message).toContain(JSON.stringify(text));
      expect(caught.position).toBe(position);
      expect(caught.selectorKind).toBe('field');
    });
  });
});

describe('FieldSelector.matches', () => {
  const cases: [string, Record<string, string>, boolean][] = [
    ['', {}, true],
    ['a=b', { a: 'b' }, true],
    ['a=b', { a: 'c' }, false],
    ['a==b', { a: 'b' }, true],
    ['a!=b', { a: 'c' }, true],
    ['a!=b', {}, true],
    ['a!=', {}, false],
    ['a=', {}, true],
    ['a=b,c=d', { a: 'b', c: 'd' }, true],
    ['a=b,c=d', { a: 'b', c: 'e' }, false],
    ['a=x\\,y', { a: 'x,y' }, true],
    ['constructor=', {}, true],
  ];
  it.each(cases)('should evaluate %j against %j as %s', (text, fields, expected) => {
    expect(parseFieldSelector(text).matches(fields)).toBe(expected);
  });
});

describe('field selector properties', () => {
  it('should re-parse its toString() to an equivalent selector', () => {
    const field = fc.stringMatching(/^[a-z][a-z.]{0,8}$/);
    const value = fc.string({
      unit: fc.constantFrom('a', 'b', ',', '=', '\\', '!', ' ', '-'),
      maxLength: 6,
    });
    const term = fc
      .tuple(field, fc.constantFrom('=', '==', '!='), value)
      .map(([name, operator, raw]) => `${name}${operator}${escapeFieldSelectorValue(raw)}`);
    fc.assert(
      fc.property(
        fc.array(term, { maxLength: 4 }),
        fc.dictionary(field, value),
        (terms, fields) => {
          const selector = parseFieldSelector(terms.join(','));
          const reparsed = parseFieldSelector(selector.toString());
          expect(reparsed.requirements).toEqual(selector.requirements);
          expect(reparsed.matches(fields)).toBe(selector.matches(fields));
        },
      ),
    );
  });
});
