import { lexLabelSelector } from './label-selector-lexer';
import type { LabelToken, LabelTokenType } from './label-selector-lexer';
import type { LabelOperator, LabelRequirement } from './label-selector-types';
import { labelKeyProblem, requirementProblem } from './label-selector-validation';
import { SelectorParseError } from '../errors';

const binaryOperators: Partial<Record<LabelTokenType, LabelOperator>> = {
  in: 'in',
  notin: 'notin',
  '=': '=',
  '==': '==',
  '!=': '!=',
  '>': 'gt',
  '<': 'lt',
};

/**
 * A recursive-descent parser over the tokens, as apimachinery's `labels.Parser`.
 */
export class LabelSelectorParser {
  readonly #text: string;
  readonly #tokens: LabelToken[];
  #index = 0;

  /**
   * @param text - the selector.
   */
  constructor(text: string) {
    this.#text = text;
    this.#tokens = lexLabelSelector(text);
  }

  /**
   * @returns the requirements, in selector order.
   * @throws {@link SelectorParseError} when the text does not parse or breaks a validation rule.
   */
  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const token = this.#peek(true);
      if (token.type === 'end') return requirements;
      if (token.type !== 'identifier' && token.type !== '!')
        this.#fail(token, `found '${token.text}', expected: !, identifier, or 'end of string'`);
      requirements.push(this.#requirement());
      const separator = this.#take(true);
      if (separator.type === 'end') return requirements;
      if (separator.type !== ',')
        this.#fail(separator, `found '${separator.text}', expected: ',' or 'end of string'`);
      const next = this.#peek(true);
      if (next.type !== 'identifier' && next.type !== '!')
        this.#fail(next, `found '${next.text}', expected: identifier after ','`);
    }
  }

  #requirement(): LabelRequirement {
    let token = this.#take(true);
    const doesNotExist = token.type === '!';
    if (doesNotExist) token = this.#take(true);
    if (token.type !== 'identifier')
      this.#fail(token, `found '${token.text}', expected: identifier`);
    const key = token.text;
    const keyProblem = labelKeyProblem(key);
    if (keyProblem !== undefined) this.#fail(token, keyProblem);
    const following = this.#peek(true).type;
    if (doesNotExist) return this.#checked({ key, operator: '!', values: [] }, token, []);
    if (following === 'end' || following === ',')
      return this.#checked({ key, operator: 'exists', values: [] }, token, []);
    const operatorToken = this.#take(false);
    const operator = binaryOperators[operatorToken.type];
    if (operator === undefined) {
      this.#fail(
        operatorToken,
        `found '${operatorToken.text}', expected: in, notin, =, ==, !=, gt, lt`,
      );
    }
    const valueTokens =
      operator === 'in' || operator === 'notin' ? this.#valueSet() : this.#exactValue();
    const values = valueTokens.map((valueToken) => valueToken.text);
    return this.#checked({ key, operator, values }, token, valueTokens);
  }

  #valueSet(): LabelToken[] {
    const open = this.#take(true);
    if (open.type !== '(') this.#fail(open, `found '${open.text}' expected: '('`);
    const first = this.#peek(true);
    if (first.type === ')') {
      this.#take(true);
      return [{ type: 'identifier', text: '', position: first.position }];
    }
    if (first.type !== 'identifier' && first.type !== ',')
      this.#fail(first, `found '${first.text}', expected: ',', ')' or identifier`);
    const values: LabelToken[] = [];
    // An empty slot (`(,a)`, `(a,)`, `(a,,b)`) is the empty value, as in apimachinery.
    let expectValue = true;
    for (;;) {
      const token = this.#take(true);
      if (token.type === 'identifier' && expectValue) {
        values.push(token);
        expectValue = false;
      } else if (token.type === ',') {
        if (expectValue) values.push({ type: 'identifier', text: '', position: token.position });
        expectValue = true;
      } else if (token.type === ')') {
        if (expectValue) values.push({ type: 'identifier', text: '', position: token.position });
        return values;
      } else {
        this.#fail(
          token,
          expectValue
            ? `found '${token.text}', expected: ',', or identifier`
            : `found '${token.text}', expected: ',' or ')'`,
        );
      }
    }
  }

  #exactValue(): LabelToken[] {
    const next = this.#peek(true);
    if (next.type === 'end' || next.type === ',')
      return [{ type: 'identifier', text: '', position: next.position }];
    const token = this.#take(true);
    if (token.type !== 'identifier')
      this.#fail(token, `found '${token.text}', expected: identifier`);
    return [token];
  }

  #checked(
    requirement: LabelRequirement,
    keyToken: LabelToken,
    valueTokens: LabelToken[],
  ): LabelRequirement {
    const problem = requirementProblem(requirement);
    if (problem === undefined) return requirement;
    const at =
      problem.valueIndex === undefined ? keyToken : (valueTokens[problem.valueIndex] ?? keyToken);
    return this.#fail(at, problem.detail);
  }

  /** The next token; in a value position the keywords `in`/`notin` are plain identifiers. */
  #peek(values: boolean): LabelToken {
    const token = this.#tokens[this.#index] ?? {
      type: 'end',
      text: '',
      position: this.#text.length,
    };
    return values && (token.type === 'in' || token.type === 'notin')
      ? { ...token, type: 'identifier' }
      : token;
  }

  #take(values: boolean): LabelToken {
    const token = this.#peek(values);
    if (token.type !== 'end') this.#index += 1;
    return token;
  }

  #fail(token: LabelToken, detail: string): never {
    throw new SelectorParseError({
      selectorKind: 'label',
      selector: this.#text,
      position: token.position,
      detail,
    });
  }
}
