// Label key and value rules, as apimachinery's validation.IsQualifiedName and IsValidLabelValue,
// and the requirement checks of labels.NewRequirement.
import type { LabelRequirement } from './label-selector-types';

const qualifiedNamePattern = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const dnsSubdomainPattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const labelValuePattern = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const nameRule =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/**
 * Checks a label key: an optional DNS subdomain prefix (at most 253 characters) and `/`, then a
 * name of at most 63 characters.
 *
 * @param key - the label key.
 * @returns what is wrong with it, or `undefined` when it is valid.
 */
export function labelKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return `label key ${JSON.stringify(key)} may contain at most one '/'`;
  const name = parts.length === 2 ? (parts[1] ?? '') : key;
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix === '') return `label key ${JSON.stringify(key)}: prefix part must be non-empty`;
    if (prefix.length > 253)
      return `label key ${JSON.stringify(key)}: prefix part must be no more than 253 characters`;
    if (!dnsSubdomainPattern.test(prefix)) {
      return `label key ${JSON.stringify(key)}: prefix part must be a lowercase DNS subdomain (e.g. 'example.com')`;
    }
  }
  if (name === '') return `label key ${JSON.stringify(key)}: name part must be non-empty`;
  if (name.length > 63)
    return `label key ${JSON.stringify(key)}: name part must be no more than 63 characters`;
  if (!qualifiedNamePattern.test(name))
    return `label key ${JSON.stringify(key)}: name part ${nameRule}`;
  return undefined;
}

/**
 * Checks a label value: empty, or at most 63 characters of the label-name alphabet.
 *
 * @param value - the label value.
 * @returns what is wrong with it, or `undefined` when it is valid.
 */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63)
    return `label value ${JSON.stringify(value)} must be no more than 63 characters`;
  if (!labelValuePattern.test(value)) return `label value ${JSON.stringify(value)} ${nameRule}`;
  return undefined;
}

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

/**
 * Parses a base-10 64-bit integer as Go's `strconv.ParseInt(text, 10, 64)` does.
 *
 * @param text - the text.
 * @returns the integer, or `undefined` when it is not one.
 */
export function parseInt64(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value < int64Min || value > int64Max ? undefined : value;
}

/**
 * What is wrong with a requirement, as apimachinery's `labels.NewRequirement` checks it.
 *
 * @param requirement - the requirement.
 * @returns the problem (and the offending value's index), or `undefined` when it is valid.
 */
export function requirementProblem(
  requirement: LabelRequirement,
): { detail: string; valueIndex?: number } | undefined {
  const keyProblem = labelKeyProblem(requirement.key);
  if (keyProblem !== undefined) return { detail: keyProblem };
  const { operator, values } = requirement;
  if ((operator === 'in' || operator === 'notin') && values.length === 0) {
    return { detail: "for 'in', 'notin' operators, values set can't be empty" };
  }
  if ((operator === '=' || operator === '==' || operator === '!=') && values.length !== 1) {
    return { detail: 'exact-match compatibility requires one single value' };
  }
  if ((operator === 'exists' || operator === '!') && values.length !== 0) {
    return { detail: 'values set must be empty for exists and does not exist' };
  }
  if (operator === 'gt' || operator === 'lt') {
    if (values.length !== 1)
      return { detail: "for 'Gt', 'Lt' operators, exactly one value is required" };
    if (parseInt64(values[0] ?? '') === undefined) {
      return { detail: "for 'Gt', 'Lt' operators, the value must be an integer", valueIndex: 0 };
    }
  }
  for (const [valueIndex, value] of values.entries()) {
    const valueProblem = labelValueProblem(value);
    if (valueProblem !== undefined) return { detail: valueProblem, valueIndex };
  }
  return undefined;
}
