import { describe, expect, it } from 'vitest';
import type { NamespaceObject } from './replicated-object';
import {
  replicaLabel,
  replicateToAnnotation,
  replicateToSelectorAnnotation,
} from './replicated-object';
import { configMap, namespace } from './replicator.test-support';
import { targetNamespaces } from './target-namespaces';

const namespaces: NamespaceObject[] = [
  namespace('source'),
  namespace('team-a', { env: 'prod' }),
  namespace('team-b', { env: 'dev' }),
  { ...namespace('leaving', { env: 'prod' }), status: { phase: 'Terminating' } },
];

const targets = (annotations: Record<string, string>): string[] =>
  [...targetNamespaces(configMap('source', 'x', {}, annotations), namespaces).namespaces].sort();

describe('targetNamespaces', () => {
  it('should take the listed namespaces that exist, trimmed, never the own one', () => {
    expect(targets({ [replicateToAnnotation]: ' team-b ,source,, missing' })).toEqual(['team-b']);
  });

  it('should take every other namespace for "*", not one being deleted', () => {
    expect(targets({ [replicateToAnnotation]: '*' })).toEqual(['team-a', 'team-b']);
  });

  it('should add the namespaces matching the selector', () => {
    expect(
      targets({
        [replicateToAnnotation]: 'team-b',
        [replicateToSelectorAnnotation]: 'env in (prod)',
      }),
    ).toEqual(['team-a', 'team-b']);
  });

  it('should select nothing and report a selector that does not parse, or an empty one', () => {
    const broken = targetNamespaces(
      configMap('source', 'x', {}, { [replicateToSelectorAnnotation]: 'env in (' }),
      namespaces,
    );
    expect(broken.namespaces.size).toBe(0);
    expect(broken.problem).toContain('does not parse');
    expect(
      targetNamespaces(
        configMap('source', 'x', {}, { [replicateToSelectorAnnotation]: '' }),
        namespaces,
      ).problem,
    ).toContain('empty');
  });

  it('should give a copy no targets, so copies are never copied again', () => {
    const copy = configMap('source', 'x', {}, { [replicateToAnnotation]: '*' });
    copy.metadata = { ...copy.metadata, labels: { [replicaLabel]: 'true' } };
    expect(targetNamespaces(copy, namespaces).namespaces.size).toBe(0);
  });
});
