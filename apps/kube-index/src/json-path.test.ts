import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateJsonPath, JsonPathSyntaxError, parseJsonPath, printJsonPath } from './json-path';
import type { JsonPath, JsonPathSegment } from './json-path';

const field = (name: string): JsonPathSegment => ({ kind: 'field', name });

function syntaxError(text: string): string {
  try {
    parseJsonPath(text);
  } catch (error) {
    if (JsonPathSyntaxError.isInstance(error)) return error.message;
    throw error;
  }
  return 'no error';
}

describe('parseJsonPath', () => {
  it("should read kubectl's braced, dotted and relaxed forms alike", () => {
    const nodeName = [field('spec'), field('nodeName')];
    for (const text of [
      '{.spec.nodeName}',
      '.spec.nodeName',
      'spec.nodeName',
      '{$.spec.nodeName}',
      ' { .spec.nodeName } ',
    ]) {
      expect(parseJsonPath(text)).toEqual(nodeName);
    }
  });

  it('should read wildcards, indexes and quoted or escaped names', () => {
    expect(parseJsonPath('{.spec.containers[*].image}')).toEqual([
      field('spec'),
      field('containers'),
      { kind: 'wildcard' },
      field('image'),
    ]);
    expect(parseJsonPath('{.spec.containers[0].ports[-1]}')).toEqual([
      field('spec'),
      field('containers'),
      { kind: 'index', index: 0 },
      field('ports'),
      { kind: 'index', index: -1 },
    ]);
    expect(parseJsonPath('{.metadata.labels.*}')).toEqual([
      field('metadata'),
      field('labels'),
      { kind: 'wildcard' },
    ]);
    expect(parseJsonPath("{.metadata.labels['app.kubernetes.io/name']}")).toEqual([
      field('metadata'),
      field('labels'),
      field('app.kubernetes.io/name'),
    ]);
    expect(parseJsonPath('{.metadata.labels.app\\.kubernetes\\.io/name}')).toEqual(
      parseJsonPath('{.metadata.labels["app.kubernetes.io/name"]}'),
    );
  });

  it('should refuse what does not parse, saying why in one line', () => {
    expect(syntaxError('{.spec.nodeName')).toBe("unclosed '{': add '}' at the end");
    expect(syntaxError('.spec.nodeName}')).toBe(
      "unexpected '}' at character 15: write {.spec.nodeName} or spec.nodeName",
    );
    expect(syntaxError('{.a}{.b}')).toBe(
      "text after the closing '}' at character 4: give one path, like {.spec.nodeName}",
    );
    expect(syntaxError('{}')).toBe('the path is empty');
    expect(syntaxError('  ')).toBe('the path is empty');
    expect(syntaxError('{$}')).toBe(
      "'$' alone selects the whole object; name a field, like {.spec.nodeName}",
    );
    expect(syntaxError('spec..nodeName')).toBe(
      'recursive descent (..) is not supported; give the full path at character 6',
    );
    expect(syntaxError('spec.')).toBe(
      'the path ends with a dot; name a field after it at character 6',
    );
    expect(syntaxError('{.spec.containers[*.image}')).toBe("unclosed '[' at character 18");
    expect(syntaxError('{.spec.containers[x].image}')).toBe(
      "expected [*], [N] or ['name'] but found [x] at character 18",
    );
    expect(syntaxError('{.spec.containers[0}')).toBe("unclosed '[' at character 18");
    expect(syntaxError("{.metadata.labels['app}")).toBe("unclosed ' at character 18");
    expect(syntaxError('{.items[?(@.x=="y")].a}')).toBe(
      'filters [?(...)] are not supported at character 8',
    );
    expect(syntaxError('{.items[0:2]}')).toBe(
      'slices [a:b] are not supported; use [*] or [N] at character 8',
    );
    expect(syntaxError('{.spec nodeName}')).toBe("unexpected ' ' at character 7");
    for (const message of [syntaxError('{.a]}'), syntaxError('{.a}}'), syntaxError('a\\')]) {
      expect(message).not.toBe('no error');
      expect(message).not.toContain('\n');
    }
  });
});

const segment: fc.Arbitrary<JsonPathSegment> = fc.oneof(
  fc.string().map(field),
  fc.string({ unit: 'grapheme' }).map(field),
  fc
    .constantFrom('spec', 'nodeName', 'app.kubernetes.io/name', "it's", '0', '*', 'a\\b')
    .map(field),
  fc.integer({ min: -1000, max: 1000 }).map((index) => ({ kind: 'index' as const, index })),
  fc.constant({ kind: 'wildcard' as const }),
);

describe('printJsonPath', () => {
  it('should print the braced form', () => {
    expect(printJsonPath(parseJsonPath('spec.containers[*].image'))).toBe(
      '{.spec.containers[*].image}',
    );
    expect(printJsonPath([field('metadata'), field("o'k.x")])).toBe("{.metadata['o\\'k.x']}");
  });

  it('should be read back as the same path (parse(print(path)) = path)', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 8 }), (path: JsonPath) => {
        expect(parseJsonPath(printJsonPath(path))).toEqual(path);
      }),
    );
  });
});

describe('evaluateJsonPath', () => {
  const pod = {
    spec: {
      nodeName: 'node-3',
      containers: [
        { name: 'web', image: 'nginx' },
        { name: 'proxy', image: 'envoy' },
      ],
    },
    metadata: { labels: { app: 'web', tier: 'front' } },
  };
  const evaluate = (text: string): unknown[] => evaluateJsonPath(parseJsonPath(text), pod);

  it('should select fields, every element, one element and every value', () => {
    expect(evaluate('{.spec.nodeName}')).toEqual(['node-3']);
    expect(evaluate('{.spec.containers[*].image}')).toEqual(['nginx', 'envoy']);
    expect(evaluate('{.spec.containers[1].name}')).toEqual(['proxy']);
    expect(evaluate('{.spec.containers[-1].name}')).toEqual(['proxy']);
    expect(evaluate('{.metadata.labels.*}')).toEqual(['web', 'front']);
  });

  it('should walk lists without [*] and pick an element by a numeric step', () => {
    expect(evaluate('spec.containers.image')).toEqual(['nginx', 'envoy']);
    expect(evaluate('spec.containers.0.image')).toEqual(['nginx']);
  });

  it('should select nothing for missing steps and never reach the prototype', () => {
    expect(evaluate('{.spec.nope}')).toEqual([]);
    expect(evaluate('{.spec.containers[5].name}')).toEqual([]);
    expect(evaluate('{.spec.nodeName[0]}')).toEqual([]);
    expect(evaluate('{.spec.constructor}')).toEqual([]);
    expect(evaluate('{.spec.__proto__}')).toEqual([]);
  });
});
