import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { KubeObject, WatchEvent } from '@kube-cache/indexer';
import { FakeListerWatcher } from './fake-lister-watcher';

interface Item extends KubeObject {
  metadata: { name: string; resourceVersion?: string };
  data: number;
}

type Operation = { kind: 'put'; name: string; data: number } | { kind: 'delete'; name: string };

const operation = fc.oneof(
  fc.record({
    kind: fc.constant('put' as const),
    name: fc.constantFrom('a', 'b', 'c', 'd'),
    data: fc.integer(),
  }),
  fc.record({ kind: fc.constant('delete' as const), name: fc.constantFrom('a', 'b', 'c', 'd') }),
);

function apply(source: FakeListerWatcher<Item>, step: Operation): void {
  const exists = source.objects().some((object) => object.metadata.name === step.name);
  if (step.kind === 'delete') {
    if (exists) source.delete({ metadata: { name: step.name }, data: 0 });
  } else if (exists) source.modify({ metadata: { name: step.name }, data: step.data });
  else source.add({ metadata: { name: step.name }, data: step.data });
}

describe('FakeListerWatcher (properties)', () => {
  it('should let list + watch from the list resourceVersion rebuild the current state, at any page size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { maxLength: 20 }),
        fc.array(operation, { maxLength: 20 }),
        fc.integer({ min: 0, max: 3 }),
        async (before, between, limit) => {
          const source = new FakeListerWatcher<Item>();
          const signal = new AbortController().signal;
          for (const step of before) apply(source, step);
          const state = new Map<string, Item>();
          let page = await source.list({ limit }, signal);
          for (const item of page.items) state.set(item.metadata.name, item);
          for (const step of between) apply(source, step);
          while (page.continue !== undefined) {
            page = await source.list({ limit, continue: page.continue }, signal);
            for (const item of page.items) state.set(item.metadata.name, item);
          }
          const stream = await source.watch({ resourceVersion: page.resourceVersion }, signal);
          source.dropWatches();
          const events: WatchEvent<Item>[] = [];
          for await (const event of stream) events.push(event);
          for (const event of events) {
            if (event.type === 'ADDED' || event.type === 'MODIFIED')
              state.set(event.object.metadata.name, event.object);
            if (event.type === 'DELETED') state.delete(event.object.metadata.name);
          }
          const sorted = [...state.values()].sort((left, right) =>
            left.metadata.name.localeCompare(right.metadata.name),
          );
          expect(sorted).toEqual(source.objects());
        },
      ),
    );
  });
});
