// The label selector's public types, shared by the parser, the validation and the selector.

/**
 * A label selector operator, spelled as apimachinery's `selection.Operator` (`!` is
 * "does not exist").
 *
 * @since 0.1.0
 */
export type LabelOperator = 'in' | 'notin' | 'exists' | '!' | '=' | '==' | '!=' | 'gt' | 'lt';

/**
 * One requirement of a label selector. `values` are sorted and distinct.
 *
 * @since 0.1.0
 */
export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: readonly string[];
}

/**
 * A parsed label selector: requirements joined by AND.
 *
 * @since 0.1.0
 */
export interface LabelSelector {
  /** The requirements, sorted by key. */
  readonly requirements: readonly LabelRequirement[];
  /**
   * @param labels - an object's labels (`undefined` is no labels).
   * @returns whether every requirement holds.
   */
  matches(labels: Readonly<Record<string, string>> | undefined): boolean;
  /** @returns whether the selector has no requirement (it matches everything). */
  isEmpty(): boolean;
  /** @returns the selector in the Kubernetes string form, which parses back to the same selector. */
  toString(): string;
}

/**
 * The `metav1.LabelSelector` object form (as in a Deployment's `spec.selector`).
 *
 * @since 0.1.0
 */
export interface LabelSelectorObject {
  matchLabels?: Readonly<Record<string, string>> | undefined;
  matchExpressions?:
    | readonly {
        key: string;
        operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
        values?: readonly string[] | undefined;
      }[]
    | undefined;
}
