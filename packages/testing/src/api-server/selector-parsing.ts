// Bridges to the selector parsers. @kube-cache/indexer's parseLabelSelector/parseFieldSelector
// replace the local grammar below once they land; the shapes here are what the filter needs.

/** A compiled label selector. */
export interface LabelMatcher {
  matches(labels: Readonly<Record<string, string>>): boolean;
}

/** A compiled field selector and the field names it reads. */
export interface FieldMatcher {
  readonly fieldNames: readonly string[];
  matches(fields: Readonly<Record<string, string>>): boolean;
}

type Requirement = (labels: Readonly<Record<string, string>>) => boolean;

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const character of text) {
    if (character === '(') depth += 1;
    if (character === ')') depth -= 1;
    if (character === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += character;
  }
  parts.push(current);
  return parts.map((part) => part.trim());
}

const keyPattern = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;

function requireKey(key: string, requirement: string): string {
  if (!keyPattern.test(key)) throw new Error(`unable to parse requirement: invalid label key "${key}" in "${requirement}"`);
  return key;
}

/**
 * Parses a label selector (`a=b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`).
 *
 * @param text - the selector.
 * @returns the matcher.
 * @throws Error when the selector does not parse.
 */
export function parseLabelSelectorText(text: string): LabelMatcher {
  const requirements: Requirement[] = splitTopLevel(text).map((part): Requirement => {
    const set = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part);
    if (set !== null) {
      const key = requireKey(set[1] ?? '', part);
      const values = new Set((set[3] ?? '').split(',').map((value) => value.trim()));
      return set[2] === 'in'
        ? (labels) => labels[key] !== undefined && values.has(labels[key])
        : (labels) => labels[key] === undefined || !values.has(labels[key]);
    }
    const equality = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
    if (equality !== null) {
      const key = requireKey(equality[1] ?? '', part);
      const value = equality[3] ?? '';
      return equality[2] === '!=' ? (labels) => labels[key] !== value : (labels) => labels[key] === value;
    }
    const existence = /^(!?)\s*([^=!\s(),]+)$/.exec(part);
    if (existence !== null) {
      const key = requireKey(existence[2] ?? '', part);
      return existence[1] === '!' ? (labels) => labels[key] === undefined : (labels) => labels[key] !== undefined;
    }
    throw new Error(`unable to parse requirement: "${part}"`);
  });
  return { matches: (labels) => requirements.every((requirement) => requirement(labels)) };
}

/**
 * Parses a field selector (`a=b`, `a==b`, `a!=b`, comma-separated).
 *
 * @param text - the selector.
 * @returns the matcher.
 * @throws Error when the selector does not parse.
 */
export function parseFieldSelectorText(text: string): FieldMatcher {
  const terms = text.split(',').map((part) => {
    const match = /^([^=!]+)(==|=|!=)(.*)$/.exec(part.trim());
    if (match === null) throw new Error(`invalid selector: '${text}'; can't understand '${part}'`);
    return { field: (match[1] ?? '').trim(), negated: match[2] === '!=', value: (match[3] ?? '').trim() };
  });
  return {
    fieldNames: terms.map((term) => term.field),
    matches: (fields) => terms.every((term) => ((fields[term.field] ?? '') === term.value) !== term.negated),
  };
}
