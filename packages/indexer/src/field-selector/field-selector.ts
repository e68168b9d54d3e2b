import { SelectorParseError } from '../errors';

/**
 * One requirement of a field selector.
 *
 * @since 0.1.0
 */
export interface FieldRequirement {
  field: string;
  operator: '=' | '==' | '!=';
  /** The value, unescaped. */
  value: string;
}

/**
 * A parsed field selector: requirements joined by AND.
 *
 * @since 0.1.0
 */
export interface FieldSelector {
  /**
   * @param fields - an object's selectable fields (for example `metadata.name`); a missing field
   *   reads as the empty string, as in apimachinery's `fields.Set`.
   * @returns whether every requirement holds.
   */
  matches(fields: Readonly<Record<string, string>>): boolean;
  /** The requirements, in the order apimachinery sorts them (by their raw text). */
  readonly requirements: readonly FieldRequirement[];
  /** @returns whether the selector has no requirement (it matches everything). */
  isEmpty(): boolean;
  /** @returns the selector in string form (values escaped), which parses back to the same selector. */
  toString(): string;
}

/**
 * Escapes a field selector value: `\`, `,` and `=` get a backslash, as apimachinery's
 * `fields.EscapeValue`.
 *
 * @param value - the raw value.
 * @returns the escaped value.
 * @since 0.1.0
 */
export function escapeFieldSelectorValue(value: string): string {
  return value.replace(/[\\,=]/g, (character) => `\\${character}`);
}

class ParsedFieldSelector implements FieldSelector {
  readonly requirements: readonly FieldRequirement[];

  constructor(requirements: FieldRequirement[]) {
    this.requirements = Object.freeze(
      requirements.map((requirement) => Object.freeze({ ...requirement })),
    );
  }

  matches(fields: Readonly<Record<string, string>>): boolean {
    return this.requirements.every(({ field, operator, value }) => {
      const actual = Object.hasOwn(fields, field) ? (fields[field] ?? '') : '';
      return operator === '!=' ? actual !== value : actual === value;
    });
  }

  isEmpty(): boolean {
    return this.requirements.length === 0;
  }

  toString(): string {
    return this.requirements
      .map(({ field, operator, value }) => `${field}${operator}${escapeFieldSelectorValue(value)}`)
      .join(',');
  }
}

/** Splits at commas not escaped by a backslash, keeping each term's offset. */
function splitTerms(text: string): { term: string; position: number }[] {
  const terms: { term: string; position: number }[] = [];
  let start = 0;
  let escaped = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text.charAt(index);
    if (escaped) escaped = false;
    else if (character === '\\') escaped = true;
    else if (character === ',') {
      terms.push({ term: text.slice(start, index), position: start });
      start = index + 1;
    }
  }
  terms.push({ term: text.slice(start), position: start });
  return terms;
}

const termOperators = ['!=', '==', '='] as const;

/**
 * Parses a field selector, with apimachinery's `fields.ParseSelector` semantics: terms
 * `field=value`, `field==value` and `field!=value` joined by commas (AND); the first operator in
 * a term splits it; in values, `\\`, `\,` and `\=` are escapes and a bare `,` or `=` is an error.
 * No whitespace is trimmed. The empty string matches everything.
 *
 * @param text - the selector.
 * @returns the parsed selector.
 * @throws {@link SelectorParseError} for a term without an operator or a bad escape.
 * @example
 * ```ts
 * const selector = parseFieldSelector('metadata.namespace=default,status.phase!=Failed');
 * selector.matches({ 'metadata.namespace': 'default', 'status.phase': 'Running' }); // true
 * ```
 * @since 0.1.0
 */
export function parseFieldSelector(text: string): FieldSelector {
  const fail = (position: number, detail: string): never => {
    throw new SelectorParseError({ selectorKind: 'field', selector: text, position, detail });
  };
  const terms =
    text === ''
      ? []
      : splitTerms(text).sort((left, right) =>
          left.term < right.term ? -1 : left.term > right.term ? 1 : 0,
        );
  const requirements: FieldRequirement[] = [];
  for (const { term, position } of terms) {
    if (term === '') continue;
    let split: { index: number; operator: (typeof termOperators)[number] } | undefined;
    for (let index = 0; index < term.length && split === undefined; index += 1) {
      const operator = termOperators.find((candidate) => term.startsWith(candidate, index));
      if (operator !== undefined) split = { index, operator };
    }
    if (split === undefined) return fail(position, `can't understand '${term}'`);
    const valueStart = split.index + split.operator.length;
    let value = '';
    let escaped = false;
    for (let index = valueStart; index < term.length; index += 1) {
      const character = term.charAt(index);
      if (escaped) {
        if (character !== '\\' && character !== ',' && character !== '=') {
          fail(position + index - 1, `invalid escape sequence '\\${character}'`);
        }
        value += character;
        escaped = false;
      } else if (character === '\\') escaped = true;
      else if (character === ',' || character === '=')
        fail(position + index, `unescaped '${character}' in a value`);
      else value += character;
    }
    if (escaped) fail(position + term.length - 1, "invalid escape sequence '\\'");
    requirements.push({ field: term.slice(0, split.index), operator: split.operator, value });
  }
  return new ParsedFieldSelector(requirements);
}
