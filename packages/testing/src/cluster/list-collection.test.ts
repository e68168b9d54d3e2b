import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listCollection } from './list-collection';
import type { RequestListOptions } from './list-options';
import { compileObjectFilter } from './object-filter';
import { ObjectStore } from './object-store';
import { ensureNamespace } from './seed-objects';
import { defaultResourceDefinitions } from './resource-definition';

type Operation =
  | { type: 'create' | 'update'; namespace: string; name: string; color: string }
  | { type: 'delete'; namespace: string; name: string };

const operationArbitrary: fc.Arbitrary<Operation> = fc.record({
  type: fc.constantFrom('create', 'update', 'delete'),
  namespace: fc.constantFrom('a', 'b'),
  name: fc.constantFrom('p0', 'p1', 'p2', 'p3', 'p4', 'p5'),
  color: fc.constantFrom('red', 'blue'),
});

function options(overrides: Partial<RequestListOptions>): RequestListOptions {
  return {
    watch: false,
    resourceVersion: undefined,
    resourceVersionMatch: undefined,
    limit: undefined,
    continue: undefined,
    labelSelector: undefined,
    fieldSelector: undefined,
    allowWatchBookmarks: false,
    sendInitialEvents: undefined,
    timeoutSeconds: undefined,
    includeObject: null,
    ...overrides,
  };
}

describe('listCollection', () => {
  it('should page through the exact state at any retained resourceVersion, with and without selectors', () => {
    fc.assert(
      fc.property(
        fc.array(operationArbitrary, { maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(undefined, 'color=red'),
        fc.constantFrom(undefined, 'a'),
        (operations, limit, labelSelector, namespace) => {
          const objects = new ObjectStore(defaultResourceDefinitions, 1000);
          ensureNamespace(objects, 'a');
          ensureNamespace(objects, 'b');
          const store = objects.storeFor('v1', 'Pod');
          // The model: the expected state after each resourceVersion.
          const model = new Map<string, string>();
          const states: { resourceVersion: number; state: Map<string, string> }[] = [
            { resourceVersion: objects.resourceVersion, state: new Map() },
          ];
          for (const operation of operations) {
            const key = `${operation.namespace}/${operation.name}`;
            const exists = model.has(key);
            const object = {
              metadata: {
                name: operation.name,
                namespace: operation.namespace,
                labels: { color: operation.type === 'delete' ? '' : operation.color },
              },
            };
            if (operation.type === 'create' && !exists) {
              objects.create(store, object);
              model.set(key, operation.color);
            } else if (
              operation.type === 'update' &&
              exists &&
              model.get(key) !== operation.color
            ) {
              objects.update(store, object);
              model.set(key, operation.color);
            } else if (operation.type === 'delete' && exists) {
              objects.delete(store, operation.namespace, operation.name);
              model.delete(key);
            } else continue;
            states.push({ resourceVersion: objects.resourceVersion, state: new Map(model) });
          }
          const filter = compileObjectFilter(store.definition, namespace, labelSelector, undefined);
          for (const { resourceVersion, state } of states) {
            const expected = [...state]
              .filter(
                ([key, color]) =>
                  (namespace === undefined || key.startsWith(`${namespace}/`)) &&
                  (labelSelector === undefined || color === 'red'),
              )
              .map(([key]) => key)
              .sort();
            const keys: string[] = [];
            let page = listCollection(
              objects,
              store,
              filter,
              options({
                resourceVersion: String(resourceVersion),
                resourceVersionMatch: 'Exact',
                limit,
              }),
            );
            for (;;) {
              expect(page.resourceVersion).toBe(resourceVersion);
              expect(page.items.length).toBeLessThanOrEqual(limit);
              for (const item of page.items) {
                const parsed = JSON.parse(item) as {
                  metadata: { name: string; namespace: string };
                };
                keys.push(`${parsed.metadata.namespace}/${parsed.metadata.name}`);
              }
              if (page.continue === undefined) break;
              if (labelSelector === undefined)
                expect(page.remainingItemCount).toBe(expected.length - keys.length);
              page = listCollection(
                objects,
                store,
                filter,
                options({ continue: page.continue, limit }),
              );
            }
            expect(keys).toEqual(expected);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('should put the start key relative to the listed namespace in the continue token, as etcd3 keys it under the prefix', () => {
    const objects = new ObjectStore(defaultResourceDefinitions, 1000);
    ensureNamespace(objects, 'a');
    const store = objects.storeFor('v1', 'ConfigMap');
    for (const name of ['c1', 'c2']) objects.create(store, { metadata: { name } }, 'a');
    const start = (namespace: string | undefined): unknown => {
      const filter = compileObjectFilter(store.definition, namespace, undefined, undefined);
      const page = listCollection(objects, store, filter, options({ limit: 1 }));
      const token = JSON.parse(Buffer.from(page.continue ?? '', 'base64url').toString('utf8')) as {
        start: string;
      };
      const rest = listCollection(objects, store, filter, options({ continue: page.continue }));
      const names = rest.items.map(
        (item) => (JSON.parse(item) as { metadata: { name: string } }).metadata.name,
      );
      return [token.start, names];
    };
    expect(start('a')).toEqual(['c1\u0000', ['c2']]);
    expect(start(undefined)).toEqual(['a/c1\u0000', ['c2']]);
  });
});
