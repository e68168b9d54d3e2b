import { LabelSelectorParser } from './label-selector-parser';
import type {
  LabelOperator,
  LabelRequirement,
  LabelSelector,
  LabelSelectorObject,
} from './label-selector-types';
import { parseInt64, requirementProblem } from './label-selector-validation';
import { SelectorParseError } from '../errors';

function hasLabel(labels: Readonly<Record<string, string>>, key: string): boolean {
  return Object.hasOwn(labels, key);
}

function requirementMatches(
  requirement: LabelRequirement,
  labels: Readonly<Record<string, string>>,
): boolean {
  const { key, operator, values } = requirement;
  const present = hasLabel(labels, key);
  const value = present ? labels[key] : undefined;
  switch (operator) {
    case 'in':
    case '=':
    case '==':
      return value !== undefined && values.includes(value);
    case 'notin':
    case '!=':
      return value === undefined || !values.includes(value);
    case 'exists':
      return present;
    case '!':
      return !present;
    case 'gt':
    case 'lt': {
      const actual = value === undefined ? undefined : parseInt64(value);
      const bound = values.length === 1 ? parseInt64(values[0] ?? '') : undefined;
      if (actual === undefined || bound === undefined) return false;
      return operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

const operatorText: Readonly<Record<LabelOperator, string>> = {
  in: ' in ',
  notin: ' notin ',
  exists: '',
  '!': '',
  '=': '=',
  '==': '==',
  '!=': '!=',
  gt: '>',
  lt: '<',
};

function requirementToString(requirement: LabelRequirement): string {
  const { key, operator, values } = requirement;
  if (operator === '!') return `!${key}`;
  if (operator === 'exists') return key;
  const joined = values.join(',');
  return operator === 'in' || operator === 'notin'
    ? `${key}${operatorText[operator]}(${joined})`
    : `${key}${operatorText[operator]}${joined}`;
}

class ParsedLabelSelector implements LabelSelector {
  readonly requirements: readonly LabelRequirement[];

  constructor(requirements: LabelRequirement[]) {
    const sorted = requirements
      .map((requirement) =>
        Object.freeze({
          ...requirement,
          values: Object.freeze([...new Set(requirement.values)].sort()),
        }),
      )
      .sort((left, right) => (left.key < right.key ? -1 : left.key > right.key ? 1 : 0));
    this.requirements = Object.freeze(sorted);
  }

  matches(labels: Readonly<Record<string, string>> | undefined): boolean {
    const actual = labels ?? {};
    return this.requirements.every((requirement) => requirementMatches(requirement, actual));
  }

  isEmpty(): boolean {
    return this.requirements.length === 0;
  }

  toString(): string {
    return this.requirements.map(requirementToString).join(',');
  }
}

/**
 * Parses a label selector in the Kubernetes string form, with apimachinery's `labels.Parse`
 * semantics: `a=b`, `a==b`, `a!=b` (also matches objects without `a`), `a in (x,y)`, `a notin (x)`
 * (also matches objects without `a`), `a` (exists), `!a` (does not exist), `a>1`, `a<1`; a comma
 * is AND. Keys and values are validated as the API server does. The empty string matches
 * everything.
 *
 * @param text - the selector.
 * @returns the parsed selector.
 * @throws {@link SelectorParseError} when the text does not parse or breaks a validation rule.
 * @example
 * ```ts
 * const selector = parseLabelSelector('tier in (web,api),!canary');
 * selector.matches({ tier: 'web' }); // true
 * selector.toString(); // '!canary,tier in (api,web)'
 * ```
 * @since 0.1.0
 */
export function parseLabelSelector(text: string): LabelSelector {
  return new ParsedLabelSelector(new LabelSelectorParser(text).parse());
}

const expressionOperators: Readonly<Record<string, LabelOperator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * Builds a selector from the `metav1.LabelSelector` object form, as apimachinery's
 * `LabelSelectorAsSelector`: every `matchLabels` entry is an `=` requirement, every
 * `matchExpressions` entry its operator. No requirement at all matches everything.
 *
 * @param selector - `matchLabels` and `matchExpressions`.
 * @returns the selector.
 * @throws {@link SelectorParseError} for an invalid key, value, operator or value count.
 * @example
 * ```ts
 * labelSelectorFromMatchLabels({ matchLabels: { app: 'web' } }).toString(); // 'app=web'
 * ```
 * @since 0.1.0
 */
export function labelSelectorFromMatchLabels(selector: LabelSelectorObject): LabelSelector {
  const requirements: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push({ key, operator: '=', values: [value] });
  }
  for (const expression of selector.matchExpressions ?? []) {
    const operator = expressionOperators[expression.operator];
    if (operator === undefined) {
      throw new SelectorParseError({
        selectorKind: 'label',
        selector: JSON.stringify(selector),
        position: 0,
        detail: `${JSON.stringify(expression.operator)} is not a valid label selector operator`,
      });
    }
    requirements.push({ key: expression.key, operator, values: [...(expression.values ?? [])] });
  }
  for (const requirement of requirements) {
    const problem = requirementProblem(requirement);
    if (problem !== undefined) {
      throw new SelectorParseError({
        selectorKind: 'label',
        selector: JSON.stringify(selector),
        position: 0,
        detail: problem.detail,
      });
    }
  }
  return new ParsedLabelSelector(requirements);
}
