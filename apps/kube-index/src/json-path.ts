import { KubeIndexAppError } from './kube-index-app-error';

/**
 * One step of a {@link JsonPath}: a field by name (`.spec`, `['app.kubernetes.io/name']`), a list
 * element by position (`[0]`, `[-1]` from the end), or every element or value (`[*]`, `.*`).
 */
export type JsonPathSegment =
  { kind: 'field'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

/**
 * A parsed path of kubectl's JSONPath subset: the steps from the object's root.
 */
export type JsonPath = readonly JsonPathSegment[];

/**
 * A `--index-by` path that cannot be parsed. The message is one line saying what is wrong and,
 * where it helps, at which character.
 *
 * @example
 * ```ts
 * parseJsonPath('{.spec.nodeName'); // throws JsonPathSyntaxError: unclosed '{' ...
 * ```
 */
export class JsonPathSyntaxError extends KubeIndexAppError {
  override readonly name = 'JsonPathSyntaxError' as const;
  /** The path as given. */
  readonly path: string;

  /**
   * @param path - the path as given.
   * @param reason - what is wrong, one line.
   */
  constructor(path: string, reason: string) {
    super(reason);
    this.path = path;
  }

  /**
   * Whether `error` is a `JsonPathSyntaxError`.
   *
   * @param error - anything caught.
   * @returns `true` for a `JsonPathSyntaxError`.
   */
  static override isInstance(error: unknown): error is JsonPathSyntaxError {
    return KubeIndexAppError.hasName(error, 'JsonPathSyntaxError');
  }
}

// Characters that end a dotted field name (a backslash escapes any of them, as `\.` in kubectl).
const NAME_END = new Set(['.', '[', ']', '{', '}', "'", '"', ' ', '\t', '\n', '\r']);
const PLAIN_NAME = /^[\w\-/:@]+$/;

/**
 * Parses one path in kubectl's JSONPath forms: `{.spec.nodeName}`, `.spec.nodeName`,
 * `spec.nodeName` (kubectl's relaxed form, as in `--sort-by` and custom columns), with `[*]` and
 * `.*` (every element or value), `[N]` and `[-N]` (one element), `['key']` or `["key"]` (any key,
 * such as `app.kubernetes.io/name`), `\.` for a dot inside a name, and an optional `$` root.
 * Filters, slices, unions, recursive descent and text around the braces are refused with a
 * reason, since an index needs one well-defined path.
 *
 * @param text - the path.
 * @returns the steps.
 * @throws {@link JsonPathSyntaxError} when the text is not such a path.
 * @example
 * ```ts
 * parseJsonPath('{.spec.containers[*].image}');
 * // [{ kind: 'field', name: 'spec' }, { kind: 'field', name: 'containers' }, { kind: 'wildcard' }, { kind: 'field', name: 'image' }]
 * ```
 */
export function parseJsonPath(text: string): JsonPath {
  return new PathParser(text).parse();
}

class PathParser {
  readonly #text: string;
  #body = '';
  // The position of #body's first character in #text, for messages.
  #offset = 0;
  #position = 0;
  readonly #segments: JsonPathSegment[] = [];

  constructor(text: string) {
    this.#text = text;
  }

  parse(): JsonPath {
    const trimmed = this.#text.trim();
    if (trimmed === '') throw new JsonPathSyntaxError(this.#text, 'the path is empty');
    const braced = trimmed.startsWith('{');
    this.#body = braced ? trimmed.slice(1) : trimmed;
    this.#offset = this.#text.indexOf(trimmed) + (braced ? 1 : 0);
    if (braced) this.#skipSpaces();
    const root = this.#body[this.#position] === '$';
    if (root) this.#position += 1;
    // The relaxed form: `spec.nodeName` means `.spec.nodeName`.
    const first = this.#body[this.#position];
    if (first !== undefined && !'.[}'.includes(first) && !/\s/.test(first)) {
      this.#segments.push({ kind: 'field', name: this.#readName() });
    }
    let closed = false;
    while (this.#position < this.#body.length && !closed) {
      const character = this.#body[this.#position] ?? '';
      if (character === '.') this.#readDotted();
      else if (character === '[') this.#readBracket();
      else if (braced && /\s/.test(character)) {
        // Spaces before the closing brace are fine, elsewhere not.
        const at = this.#position;
        if (this.#skipSpaces() === '}') continue;
        this.#position = at;
        this.#fail(`unexpected '${character}'`);
      } else if (character === '}' && braced) {
        closed = true;
        this.#position += 1;
      } else if (character === '{' || character === '}') {
        throw new JsonPathSyntaxError(
          this.#text,
          `unexpected '${character}' at character ${this.#offset + this.#position + 1}: ` +
            'write {.spec.nodeName} or spec.nodeName',
        );
      } else this.#fail(`unexpected '${character}'`);
    }
    if (braced && !closed) {
      throw new JsonPathSyntaxError(this.#text, "unclosed '{': add '}' at the end");
    }
    if (this.#position < this.#body.length) {
      throw new JsonPathSyntaxError(
        this.#text,
        `text after the closing '}' at character ${this.#offset + this.#position}: ` +
          'give one path, like {.spec.nodeName}',
      );
    }
    if (this.#segments.length === 0) {
      throw new JsonPathSyntaxError(
        this.#text,
        root
          ? "'$' alone selects the whole object; name a field, like {.spec.nodeName}"
          : 'the path is empty',
      );
    }
    return this.#segments;
  }

  /** Skips whitespace. @returns the character after it. */
  #skipSpaces(): string | undefined {
    while (/\s/.test(this.#body[this.#position] ?? '')) this.#position += 1;
    return this.#body[this.#position];
  }

  #readDotted(): void {
    this.#position += 1;
    const next = this.#body[this.#position];
    if (next === undefined) this.#fail('the path ends with a dot; name a field after it');
    if (next === '.') this.#fail('recursive descent (..) is not supported; give the full path');
    if (next === '*') {
      this.#position += 1;
      this.#segments.push({ kind: 'wildcard' });
      return;
    }
    if (next === '[') this.#fail("'.[' : write [...] right after the field");
    this.#segments.push({ kind: 'field', name: this.#readName() });
  }

  #readName(): string {
    let name = '';
    while (this.#position < this.#body.length) {
      const character = this.#body[this.#position] ?? '';
      if (character === '\\') {
        const escaped = this.#body[this.#position + 1];
        if (escaped === undefined) this.#fail('the path ends with a lone backslash');
        name += escaped;
        this.#position += 2;
        continue;
      }
      if (NAME_END.has(character)) break;
      name += character;
      this.#position += 1;
    }
    if (name === '') this.#fail(`expected a field name`);
    return name;
  }

  #readBracket(): void {
    const start = this.#position;
    this.#position += 1;
    const quote = this.#body[this.#position];
    if (quote === "'" || quote === '"') {
      this.#position += 1;
      let name = '';
      for (;;) {
        const character = this.#body[this.#position];
        if (character === undefined) this.#failAt(this.#offset + start, `unclosed ${quote}`);
        this.#position += 1;
        if (character === quote) break;
        if (character === '\\') {
          const escaped = this.#body[this.#position];
          if (escaped === undefined) this.#failAt(this.#offset + start, `unclosed ${quote}`);
          name += escaped;
          this.#position += 1;
        } else name += character;
      }
      this.#expectClose(start, 'one quoted name');
      this.#segments.push({ kind: 'field', name });
      return;
    }
    const close = this.#body.indexOf(']', this.#position);
    if (close === -1) this.#failAt(this.#offset + start, "unclosed '['");
    const inside = this.#body.slice(this.#position, close).trim();
    if (inside === '*') this.#segments.push({ kind: 'wildcard' });
    else if (/^-?\d+$/.test(inside) && Number.isSafeInteger(Number(inside)))
      // `+ 0` turns -0 into 0.
      this.#segments.push({ kind: 'index', index: Number(inside) + 0 });
    else if (inside.startsWith('?'))
      this.#failAt(this.#offset + start, 'filters [?(...)] are not supported');
    else if (inside.includes(':'))
      this.#failAt(this.#offset + start, 'slices [a:b] are not supported; use [*] or [N]');
    else if (inside.includes(','))
      this.#failAt(this.#offset + start, 'unions [a,b] are not supported; index one path');
    else this.#failAt(this.#offset + start, `expected [*], [N] or ['name'] but found [${inside}]`);
    this.#position = close + 1;
  }

  #expectClose(start: number, what: string): void {
    if (this.#body[this.#position] !== ']')
      this.#failAt(this.#offset + start, `expected ']' after ${what}`);
    this.#position += 1;
  }

  #fail(reason: string): never {
    this.#failAt(this.#offset + this.#position, reason);
  }

  #failAt(index: number, reason: string): never {
    throw new JsonPathSyntaxError(this.#text, `${reason} at character ${index + 1}`);
  }
}

/**
 * Writes a path in kubectl's braced form, the inverse of {@link parseJsonPath}: plain names
 * dotted (`.spec.nodeName`), other names quoted (`['app.kubernetes.io/name']`).
 *
 * @param path - the steps.
 * @returns the text, such as `{.spec.containers[*].image}`.
 * @example
 * ```ts
 * printJsonPath([{ kind: 'field', name: 'spec' }, { kind: 'field', name: 'nodeName' }]); // '{.spec.nodeName}'
 * ```
 */
export function printJsonPath(path: JsonPath): string {
  return `{${path.map(printSegment).join('')}}`;
}

function printSegment(segment: JsonPathSegment): string {
  if (segment.kind === 'wildcard') return '[*]';
  if (segment.kind === 'index') return `[${segment.index}]`;
  if (PLAIN_NAME.test(segment.name)) return `.${segment.name}`;
  return `['${segment.name.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}']`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Everything a path selects in `object`. As kubectl, `[*]` and `.*` take every element of a
 * list or every value of an object, `[N]` one element (`[-1]` the last). Unlike kubectl, a field
 * step on a list is applied to each element (`spec.containers.image` is
 * `spec.containers[*].image`), and a numeric field on a list picks that element
 * (`spec.containers.0.image`), as earlier kube-index versions read paths. Only own properties are
 * followed. Missing steps select nothing.
 *
 * @param path - the steps.
 * @param object - the object to read.
 * @returns the selected values, in document order.
 * @example
 * ```ts
 * evaluateJsonPath(parseJsonPath('{.spec.containers[*].image}'), pod); // ['nginx', 'envoy']
 * ```
 */
export function evaluateJsonPath(path: JsonPath, object: unknown): unknown[] {
  let current: unknown[] = [object];
  for (const segment of path) {
    const next: unknown[] = [];
    for (const value of current) step(segment, value, next);
    current = next;
  }
  return current;
}

function step(segment: JsonPathSegment, value: unknown, into: unknown[]): void {
  if (segment.kind === 'wildcard') {
    if (Array.isArray(value)) into.push(...(value as unknown[]));
    else if (isRecord(value)) into.push(...Object.values(value));
    return;
  }
  if (segment.kind === 'index') {
    if (!Array.isArray(value)) return;
    const index = segment.index < 0 ? value.length + segment.index : segment.index;
    if (index >= 0 && index < value.length) into.push(value[index]);
    return;
  }
  if (Array.isArray(value)) {
    if (/^(?:0|[1-9]\d*)$/.test(segment.name)) {
      const index = Number(segment.name);
      if (index < value.length) into.push(value[index]);
    } else {
      for (const element of value as unknown[]) step(segment, element, into);
    }
  } else if (isRecord(value) && Object.hasOwn(value, segment.name)) {
    into.push(value[segment.name]);
  }
}
