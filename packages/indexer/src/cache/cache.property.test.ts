import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexFuncError } from '@kube-cache/store-core';
import { Cache } from './cache';
import { DeletedFinalStateUnknown } from './deleted-final-state-unknown';
import { indexByLabel } from '../index-funcs/index-by-label';
import { KeyError } from '../errors';
import { metaNamespaceIndexFunc, NAMESPACE_INDEX } from '../index-funcs/meta-namespace-index-func';
import { metaNamespaceKeyFunc } from '../key-funcs/meta-namespace-key-func';

interface Pod {
  metadata?: { namespace?: string; name?: string; labels?: Record<string, string> };
}

const names = ['a', 'b', '__proto__', 'constructor', ''];
const podArbitrary: fc.Arbitrary<Pod> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record({
      metadata: fc.record({
        namespace: fc.constantFrom('ns', '', 'constructor'),
        name: fc.constantFrom(...names),
        labels: fc.dictionary(
          fc.constantFrom('app', 'tier'),
          fc.constantFrom('web', '', '__proto__'),
          { maxKeys: 2 },
        ),
      }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({}) },
);

type Command =
  { type: 'add' | 'update' | 'delete' | 'tombstone'; pod: Pod } | { type: 'replace'; pods: Pod[] };

const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    type: fc.constantFrom(
      'add' as const,
      'update' as const,
      'delete' as const,
      'tombstone' as const,
    ),
    pod: podArbitrary,
  }),
  fc.record({
    type: fc.constant('replace' as const),
    pods: fc.array(podArbitrary, { maxLength: 4 }),
  }),
);

function keyOf(pod: Pod): string | undefined {
  if (pod.metadata === undefined) return undefined;
  const { namespace = '', name = '' } = pod.metadata;
  return namespace === '' ? name : `${namespace}/${name}`;
}

describe('Cache (property)', () => {
  it('should match a keyed model, with indices recomputed from scratch, after any command sequence', () => {
    fc.assert(
      fc.property(fc.array(commandArbitrary, { maxLength: 25 }), (commands) => {
        const cache = new Cache<Pod>(metaNamespaceKeyFunc, {
          [NAMESPACE_INDEX]: metaNamespaceIndexFunc,
          app: indexByLabel('app'),
        });
        let model = new Map<string, Pod>();
        for (const command of commands) {
          let expectedError: 'key' | undefined;
          const next = new Map(model);
          if (command.type === 'replace') {
            next.clear();
            for (const pod of command.pods) {
              const key = keyOf(pod);
              if (key === undefined) expectedError = 'key';
              else next.set(key, pod);
            }
          } else {
            const key = keyOf(command.pod);
            if (command.type === 'tombstone') next.delete(key ?? 'no-such-key');
            else if (key === undefined) expectedError = 'key';
            else if (command.type === 'delete') next.delete(key);
            else next.set(key, command.pod);
          }
          let thrown: unknown;
          try {
            if (command.type === 'replace') cache.replace(command.pods, '1');
            else if (command.type === 'tombstone') {
              cache.delete(
                new DeletedFinalStateUnknown(keyOf(command.pod) ?? 'no-such-key', command.pod),
              );
            } else cache[command.type](command.pod);
          } catch (error) {
            thrown = error;
          }
          if (expectedError === 'key') expect(KeyError.isInstance(thrown)).toBe(true);
          else {
            expect(IndexFuncError.isInstance(thrown)).toBe(false);
            expect(thrown).toBeUndefined();
            model = next;
          }

          expect(cache.listKeys().sort()).toEqual([...model.keys()].sort());
          for (const [key, pod] of model) expect(cache.getByKey(key)).toBe(pod);
          const byNamespace = new Map<string, string[]>();
          const byApp = new Map<string, string[]>();
          for (const [key, pod] of model) {
            const namespace = pod.metadata?.namespace ?? '';
            byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), key]);
            const labels = pod.metadata?.labels ?? {};
            if (Object.hasOwn(labels, 'app')) {
              const app = labels['app'] as string;
              byApp.set(app, [...(byApp.get(app) ?? []), key]);
            }
          }
          for (const [indexName, expected] of [
            [NAMESPACE_INDEX, byNamespace],
            ['app', byApp],
          ] as const) {
            expect(cache.listIndexFuncValues(indexName).sort()).toEqual(
              [...expected.keys()].sort(),
            );
            for (const [value, keys] of expected) {
              expect(cache.indexKeys(indexName, value)).toEqual(keys.sort());
              expect(cache.byIndex(indexName, value)).toHaveLength(keys.length);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
