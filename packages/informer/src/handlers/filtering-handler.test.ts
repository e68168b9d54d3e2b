import { DeletedFinalStateUnknown } from '@kube-cache/indexer';
import { describe, expect, it } from 'vitest';
import { filteringHandler } from './filtering-handler';
import type { ResourceEventHandler } from './resource-event-handler';

interface Item {
  name: string;
  ready: boolean;
}

function recorder(): ResourceEventHandler<Item> & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    onAdd: (object, initial) => {
      calls.push(`add ${object.name} ${String(initial)}`);
    },
    onUpdate: (oldObject, newObject) => {
      calls.push(`update ${oldObject.name} ${newObject.name}`);
    },
    onDelete: (object) => {
      calls.push(
        `delete ${DeletedFinalStateUnknown.isInstance<Item>(object) ? `tombstone ${object.key}` : object.name}`,
      );
    },
  };
}

const ready = (item: Item): boolean => item.ready;

describe('filteringHandler', () => {
  it('should pass adds and deletes that match, and drop those that do not', async () => {
    const inner = recorder();
    const handler = filteringHandler(ready, inner);
    await handler.onAdd?.({ name: 'a', ready: true }, true);
    await handler.onAdd?.({ name: 'b', ready: false }, true);
    await handler.onDelete?.({ name: 'a', ready: true });
    await handler.onDelete?.({ name: 'b', ready: false });
    expect(inner.calls).toEqual(['add a true', 'delete a']);
  });

  it('should turn updates that cross the filter into adds and deletes', async () => {
    const inner = recorder();
    const handler = filteringHandler(ready, inner);
    await handler.onUpdate?.({ name: 'a', ready: true }, { name: 'a', ready: true });
    await handler.onUpdate?.({ name: 'b', ready: false }, { name: 'b', ready: true });
    await handler.onUpdate?.({ name: 'c', ready: true }, { name: 'c', ready: false });
    await handler.onUpdate?.({ name: 'd', ready: false }, { name: 'd', ready: false });
    expect(inner.calls).toEqual(['update a a', 'add b false', 'delete c']);
  });

  it('should filter a tombstone by its last known object, and pass one without', async () => {
    const inner = recorder();
    const handler = filteringHandler(ready, inner);
    await handler.onDelete?.(new DeletedFinalStateUnknown('x', { name: 'x', ready: false }));
    await handler.onDelete?.(new DeletedFinalStateUnknown('y', { name: 'y', ready: true }));
    await handler.onDelete?.(new DeletedFinalStateUnknown('z', undefined as unknown as Item));
    expect(inner.calls).toEqual(['delete tombstone y', 'delete tombstone z']);
  });

  it('should return the inner handler promise so it is awaited', async () => {
    let finished = false;
    const handler = filteringHandler<Item>(ready, {
      onAdd: async () => {
        await Promise.resolve();
        finished = true;
      },
    });
    await handler.onAdd?.({ name: 'a', ready: true }, false);
    expect(finished).toBe(true);
  });
});
