import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeApiServer } from './fake-api-server';
import { openWatchStream } from './http-test-client.test-support';

type Operation = { type: 'create' | 'update' | 'delete'; name: string; color: string };

const operationArbitrary: fc.Arbitrary<Operation> = fc.record({
  type: fc.constantFrom('create', 'update', 'delete'),
  name: fc.constantFrom('p0', 'p1', 'p2', 'p3'),
  color: fc.constantFrom('red', 'blue'),
});

describe('WatchConnection', () => {
  let server: FakeApiServer;
  let run = 0;

  beforeAll(async () => {
    server = await FakeApiServer.start();
  });

  afterAll(async () => {
    await server.close();
  });

  it('should replay and stream exactly the changes after the start RV, as seen through the selector (an object leaving it is DELETED in its last matching state, at the new RV)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(operationArbitrary, { maxLength: 25 }),
        fc.nat(),
        fc.boolean(),
        async (operations, startChoice, selective) => {
          run += 1;
          const namespace = `run-${run}`;
          server.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
          const model = new Map<string, string>();
          // Apply the operations, remembering the state and RV after each applied one.
          const history: { resourceVersion: string; state: Map<string, string> }[] = [
            { resourceVersion: server.resourceVersion, state: new Map() },
          ];
          const apply = (operation: Operation): void => {
            const exists = model.has(operation.name);
            const pod = {
              apiVersion: 'v1',
              kind: 'Pod',
              metadata: { name: operation.name, namespace, labels: { color: operation.color } },
            };
            if (operation.type === 'create' && !exists) server.create(pod);
            else if (
              operation.type === 'update' &&
              exists &&
              model.get(operation.name) !== operation.color
            )
              server.update(pod);
            else if (operation.type === 'delete' && exists)
              server.delete('v1', 'Pod', namespace, operation.name);
            else return;
            if (operation.type === 'delete') model.delete(operation.name);
            else model.set(operation.name, operation.color);
            history.push({ resourceVersion: server.resourceVersion, state: new Map(model) });
          };
          const half = Math.floor(operations.length / 2);
          for (const operation of operations.slice(0, half)) apply(operation);
          const start = history[startChoice % history.length] ?? history[0];
          const selector = selective ? '&labelSelector=color%3Dred' : '';
          const watch = await openWatchStream(
            server.url,
            `/api/v1/namespaces/${namespace}/pods?watch=true&resourceVersion=${start?.resourceVersion ?? '0'}${selector}`,
          );
          // The rest happens while the watch is open.
          for (const operation of operations.slice(half)) apply(operation);
          server.create({
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: 'sentinel', namespace, labels: { color: 'red' } },
          });

          const expected: string[] = [];
          const visible = (state: Map<string, string>, name: string): boolean =>
            state.has(name) && (!selective || state.get(name) === 'red');
          const startIndex = history.indexOf(start ?? history[0]!);
          for (let index = startIndex + 1; index < history.length; index += 1) {
            const before = history[index - 1]?.state ?? new Map<string, string>();
            const after = history[index]?.state ?? new Map<string, string>();
            for (const name of new Set([...before.keys(), ...after.keys()])) {
              if (before.get(name) === after.get(name)) continue;
              const was = visible(before, name);
              const is = visible(after, name);
              // The object as the watcher sees it: its state after the change, except when it
              // leaves the selection or goes away: then the last state it had, at the new RV.
              const resourceVersion = history[index]?.resourceVersion ?? '';
              if (was && is)
                expected.push(`MODIFIED ${name} ${after.get(name) ?? ''} ${resourceVersion}`);
              else if (is)
                expected.push(`ADDED ${name} ${after.get(name) ?? ''} ${resourceVersion}`);
              else if (was)
                expected.push(`DELETED ${name} ${before.get(name) ?? ''} ${resourceVersion}`);
            }
          }
          expected.push(`ADDED sentinel red ${server.resourceVersion}`);
          const events = await watch.waitFor(expected.length);
          watch.close();
          expect(
            events.map(
              ({ type, object: { metadata } }) =>
                `${type} ${metadata?.name ?? ''} ${metadata?.labels?.['color'] ?? ''} ${metadata?.resourceVersion ?? ''}`,
            ),
          ).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});
