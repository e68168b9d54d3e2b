import { parseFieldSelector, parseLabelSelector } from '@kube-cache/indexer';

/**
 * A compiled label selector, as the server's filters use it.
 *
 * @since 0.1.0
 */
export interface LabelMatcher {
  matches(labels: Readonly<Record<string, string>>): boolean;
}

/**
 * A compiled field selector and the field names it reads (to reject unsupported fields).
 *
 * @since 0.1.0
 */
export interface FieldMatcher {
  readonly fieldNames: readonly string[];
  matches(fields: Readonly<Record<string, string>>): boolean;
}

/**
 * Parses a label selector with @kube-cache/indexer's apimachinery-compatible parser.
 *
 * @param text - the `labelSelector` query parameter.
 * @returns the matcher.
 * @throws SelectorParseError when the selector does not parse.
 * @since 0.1.0
 */
export function parseLabelSelectorText(text: string): LabelMatcher {
  return parseLabelSelector(text);
}

/**
 * Parses a field selector with @kube-cache/indexer's apimachinery-compatible parser.
 *
 * @param text - the `fieldSelector` query parameter.
 * @returns the matcher and its field names.
 * @throws SelectorParseError when the selector does not parse.
 * @since 0.1.0
 */
export function parseFieldSelectorText(text: string): FieldMatcher {
  const selector = parseFieldSelector(text);
  return {
    fieldNames: selector.requirements.map((requirement) => requirement.field),
    matches: (fields) => selector.matches(fields),
  };
}
