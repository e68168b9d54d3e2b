import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentRevision, ResourceStore, revisionAt } from './resource-store';
import type { Revision } from './resource-store';

const pods = { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true };

function revision(resourceVersion: number, deleted = false): Revision {
  return {
    resourceVersion,
    body: `{"metadata":{"resourceVersion":"${resourceVersion}"}}`,
    deleted,
    labels: {},
    fields: {},
  };
}

describe('ResourceStore', () => {
  describe('bounds', () => {
    it('should keep keys sorted and scope them by namespace, for any insertion order', () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(
            fc.tuple(fc.constantFrom('a', 'a-b', 'ab', 'b'), fc.stringMatching(/^[a-z0-9]{1,4}$/)),
            { selector: ([namespace, name]) => `${namespace}/${name}` },
          ),
          fc.boolean(),
          (keys, bulk) => {
            const store = new ResourceStore(pods);
            store.bulkLoading = bulk;
            for (const [namespace, name] of keys) store.entry(namespace, name, true);
            store.bulkLoading = false;
            const all = store.scope(undefined).map((entry) => entry.key);
            expect(all).toEqual(keys.map(([namespace, name]) => `${namespace}/${name}`).sort());
            const inA = store.scope('a').map((entry) => entry.key);
            expect(inA).toEqual(all.filter((key) => key.startsWith('a/')));
          },
        ),
        { numRuns: 100 },
      );
    });

    it('should start at a continue key', () => {
      const store = new ResourceStore(pods);
      for (const name of ['x', 'y', 'z']) store.entry('ns', name, true);
      expect(store.scope('ns', 'ns/x\u0000').map((entry) => entry.name)).toEqual(['y', 'z']);
    });
  });

  describe('snapshot', () => {
    it('should list the entries live at a resourceVersion, excluding deleted ones', () => {
      const store = new ResourceStore(pods);
      const first = store.entry('ns', 'first', true);
      const second = store.entry('ns', 'second', true);
      first?.revisions.push(revision(1), revision(3, true));
      second?.revisions.push(revision(2));
      expect(store.snapshot(2, 'ns').map((entry) => entry.name)).toEqual(['first', 'second']);
      expect(store.snapshot(3, 'ns').map((entry) => entry.name)).toEqual(['second']);
      expect(store.snapshot(0, undefined)).toEqual([]);
    });
  });

  describe('remove', () => {
    it('should forget an entry', () => {
      const store = new ResourceStore(pods);
      const entry = store.entry('ns', 'gone', true);
      if (entry !== undefined) store.remove(entry);
      expect(store.entry('ns', 'gone')).toBeUndefined();
      expect(store.scope(undefined)).toEqual([]);
    });
  });
});

describe('revisionAt', () => {
  it('should return the latest revision at or before a resourceVersion, unless deleted', () => {
    const entry = {
      key: 'ns/a',
      namespace: 'ns',
      name: 'a',
      revisions: [revision(2), revision(5), revision(8, true)],
    };
    expect(revisionAt(entry, 1)).toBeUndefined();
    expect(revisionAt(entry, 4)?.resourceVersion).toBe(2);
    expect(revisionAt(entry, 7)?.resourceVersion).toBe(5);
    expect(revisionAt(entry, 8)).toBeUndefined();
    expect(currentRevision(entry)).toBeUndefined();
  });
});
