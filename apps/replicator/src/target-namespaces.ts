import { parseLabelSelector } from '@kube-cache/indexer';
import type { NamespaceObject, ReplicatedObject } from './replicated-object';
import {
  isSource,
  replicateToAnnotation,
  replicateToSelectorAnnotation,
} from './replicated-object';

/** Where a source should be copied, and what was wrong with its annotations, if anything. */
export interface Targets {
  namespaces: Set<string>;
  problem?: string | undefined;
}

/**
 * The namespaces a source is copied into: those named in `replicate-to` (all of them for `*`),
 * plus those whose labels match `replicate-to-selector`; never its own namespace, nor one that is
 * being deleted or does not exist. A selector that does not parse selects nothing and is reported.
 *
 * @param source - the source object (anything not a source gets no targets).
 * @param namespaces - the cluster's namespaces.
 * @returns the target namespace names, and a problem to report.
 */
export function targetNamespaces(
  source: ReplicatedObject,
  namespaces: readonly NamespaceObject[],
): Targets {
  const targets = new Set<string>();
  if (!isSource(source)) return { namespaces: targets };
  const annotations = source.metadata?.annotations ?? {};
  const listed = new Set(
    (annotations[replicateToAnnotation] ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  );
  let problem: string | undefined;
  let matches: ((labels: Readonly<Record<string, string>> | undefined) => boolean) | undefined;
  const selectorText = annotations[replicateToSelectorAnnotation];
  if (selectorText !== undefined) {
    try {
      const selector = parseLabelSelector(selectorText);
      // An empty selector would select every namespace: ask for "*" for that.
      if (selector.isEmpty()) problem = `${replicateToSelectorAnnotation} is empty`;
      else matches = (labels) => selector.matches(labels);
    } catch (error) {
      problem = `${replicateToSelectorAnnotation} "${selectorText}" does not parse: ${(error as Error).message}`;
    }
  }
  const own = source.metadata?.namespace;
  for (const namespace of namespaces) {
    const name = namespace.metadata?.name;
    if (name === undefined || name === own || namespace.status?.phase === 'Terminating') continue;
    if (listed.has('*') || listed.has(name) || matches?.(namespace.metadata?.labels) === true) {
      targets.add(name);
    }
  }
  return { namespaces: targets, problem };
}
