import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planReplication } from './plan-replication';
import { replicaOf, sameReplica } from './replica-of';
import type { ReplicatedObject } from './replicated-object';
import { replicateToAnnotation } from './replicated-object';
import { configMap } from './replicator.test-support';

const namespaceNames = ['a', 'b', 'c', 'd'];
const source = configMap('src', 'cm', { key: 'value' }, { [replicateToAnnotation]: '*' });

/** An object already in a namespace under the source's name. */
const occupant = fc.constantFrom('none', 'own-copy', 'stale-copy', 'foreign', 'other-source-copy');

function occupantObject(kind: string, namespace: string): ReplicatedObject | undefined {
  const own = { ...replicaOf('ConfigMap', source, namespace) };
  own.metadata = { ...own.metadata, resourceVersion: '7' };
  switch (kind) {
    case 'own-copy':
      return own;
    case 'stale-copy':
      return { ...own, data: { key: 'old' } };
    case 'foreign':
      return configMap(namespace, 'cm', { theirs: 'yes' });
    case 'other-source-copy':
      return replicaOf('ConfigMap', configMap('elsewhere', 'cm', {}), namespace);
    default:
      return undefined;
  }
}

describe('planReplication', () => {
  it('should leave exactly the desired copies and never touch an object it did not make', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...namespaceNames), occupant),
        fc.subarray(namespaceNames),
        fc.boolean(),
        (occupants, targetList, sourceExists) => {
          const cluster = new Map<string, ReplicatedObject>();
          for (const [namespace, kind] of Object.entries(occupants)) {
            const object = occupantObject(kind, namespace);
            if (object !== undefined) cluster.set(namespace, object);
          }
          const before = new Map(cluster);
          const targets = new Set(targetList);
          const actions = planReplication({
            kind: 'ConfigMap',
            sourceKey: 'src/cm',
            source: sourceExists ? source : undefined,
            targets,
            objectIn: (namespace) => cluster.get(namespace),
            copies: [...cluster.values()].filter(
              (object) =>
                object.metadata?.annotations?.['replicator.kube-cache.dev/source'] === 'src/cm',
            ),
          });
          for (const action of actions) {
            if (action.type === 'create' || action.type === 'update') {
              const namespace = action.object.metadata?.namespace ?? '';
              if (action.type === 'update') {
                expect(action.object.metadata?.resourceVersion).toBe('7');
              }
              cluster.set(namespace, action.object);
            } else if (action.type === 'delete') {
              expect(action.resourceVersion).toBe(
                before.get(action.namespace)?.metadata?.resourceVersion,
              );
              cluster.delete(action.namespace);
            }
          }
          for (const namespace of namespaceNames) {
            const original = before.get(namespace);
            const ours =
              original?.metadata?.annotations?.['replicator.kube-cache.dev/source'] === 'src/cm';
            if (original !== undefined && !ours) {
              // Foreign objects and copies of other sources are never touched.
              expect(cluster.get(namespace)).toBe(original);
            } else if (sourceExists && targets.has(namespace)) {
              expect(
                sameReplica(
                  cluster.get(namespace) as ReplicatedObject,
                  replicaOf('ConfigMap', source, namespace),
                ),
              ).toBe(true);
            } else {
              expect(cluster.has(namespace)).toBe(false);
            }
          }
          const conflicts = actions.filter((action) => action.type === 'conflict').length;
          const expectedConflicts = [...targets].filter((namespace) => {
            const original = before.get(namespace);
            return (
              sourceExists &&
              original !== undefined &&
              original.metadata?.annotations?.['replicator.kube-cache.dev/source'] !== 'src/cm'
            );
          }).length;
          expect(conflicts).toBe(expectedConflicts);
        },
      ),
    );
  });

  it('should do nothing when every copy is up to date', () => {
    const copy = replicaOf('ConfigMap', source, 'a');
    expect(
      planReplication({
        kind: 'ConfigMap',
        sourceKey: 'src/cm',
        source,
        targets: new Set(['a']),
        objectIn: () => copy,
        copies: [copy],
      }),
    ).toEqual([]);
  });
});
