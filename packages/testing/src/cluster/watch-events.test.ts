import { describe, expect, it } from 'vitest';
import { compileObjectFilter } from './object-filter';
import { ObjectStore } from './object-store';
import { ensureNamespace } from './seed-objects';
import type { ChangeEvent } from './change-event';
import { defaultResourceDefinitions } from './resource-definition';
import { changeSeenThrough, expiredWatchStatus, watchStart } from './watch-events';
import { requestListOptions } from './list-options';

// One cluster, one config map written through a series of label changes; every change is
// recorded, so each case below reads the same history both fakes' watches read.
function history(): { objects: ObjectStore; changes: ChangeEvent[] } {
  const objects = new ObjectStore(defaultResourceDefinitions, 100);
  ensureNamespace(objects, 'a');
  const store = objects.storeFor('v1', 'ConfigMap');
  const changes: ChangeEvent[] = [];
  objects.subscribe(store, (event) => changes.push(event));
  const write = (app: string, data: string) => ({
    metadata: { name: 'c', labels: { app } },
    data: { data },
  });
  objects.create(store, write('web', '1'), 'a'); // ADDED, matching
  objects.update(store, write('web', '2'), 'a'); // matching -> matching
  objects.update(store, write('db', '3'), 'a'); // matching -> not
  objects.update(store, write('db', '4'), 'a'); // not -> not
  objects.update(store, write('web', '5'), 'a'); // not -> matching
  objects.delete(store, 'a', 'c'); // DELETED, matching
  return { objects, changes };
}

describe('changeSeenThrough', () => {
  it('should turn changes across a selector into ADDED / MODIFIED / DELETED as the real server does', () => {
    const { objects, changes } = history();
    const store = objects.storeFor('v1', 'ConfigMap');
    const filter = compileObjectFilter(store.definition, 'a', 'app=web', undefined);
    const seen = changes.map((event) => {
      const change = changeSeenThrough(filter, event);
      if (change === undefined) return undefined;
      const object = JSON.parse(change.body) as {
        metadata: { labels: Record<string, string>; resourceVersion: string };
      };
      const atChange = object.metadata.resourceVersion === String(event.resourceVersion);
      return `${change.type} app=${object.metadata.labels['app'] ?? ''}${atChange ? '' : ' stale-rv'}`;
    });
    expect(seen).toEqual([
      'ADDED app=web',
      'MODIFIED app=web',
      // Leaving the selection: the last matching state, stamped with the change's resourceVersion.
      'DELETED app=web',
      undefined,
      'ADDED app=web',
      'DELETED app=web',
    ]);
    const everything = compileObjectFilter(store.definition, undefined, undefined, undefined);
    expect(changes.map((event) => changeSeenThrough(everything, event)?.type)).toEqual([
      'ADDED',
      'MODIFIED',
      'MODIFIED',
      'MODIFIED',
      'MODIFIED',
      'DELETED',
    ]);
  });
});

describe('watchStart and expiredWatchStatus', () => {
  it('should start where the options say and expire a compacted start', () => {
    const { objects } = history();
    const start = (options: Parameters<typeof requestListOptions>[0]) =>
      watchStart(objects, requestListOptions(options, true));
    const current = objects.resourceVersion;
    expect(start({})).toEqual({ type: 'initial' });
    expect(start({ resourceVersion: '0' })).toEqual({ type: 'initial' });
    expect(start({ resourceVersion: '3' })).toEqual({ type: 'from', resourceVersion: 3 });
    const streaming = {
      sendInitialEvents: true,
      resourceVersionMatch: 'NotOlderThan' as const,
      allowWatchBookmarks: true,
    };
    expect(start(streaming)).toEqual({ type: 'streaming' });
    expect(start({ ...streaming, sendInitialEvents: false })).toEqual({
      type: 'from',
      resourceVersion: current,
    });
    expect(() => start({ ...streaming, resourceVersion: String(current + 1) })).toThrow(
      expect.objectContaining({ code: 504 }),
    );
    expect(expiredWatchStatus(objects, { type: 'from', resourceVersion: 3 })).toBeUndefined();
    objects.compact(4);
    expect(expiredWatchStatus(objects, { type: 'from', resourceVersion: 3 })).toMatchObject({
      code: 410,
      reason: 'Expired',
      message: 'too old resource version: 3 (4)',
    });
    expect(expiredWatchStatus(objects, { type: 'from', resourceVersion: 4 })).toBeUndefined();
  });
});
