import { describe, expect, it } from 'vitest';
import { IndexFuncError, ReentrantMutationError } from '../errors';
import { storeState } from './store-state.test-support';
import { ThreadSafeStore } from './thread-safe-store';

interface Item {
  id: string;
  tags: string[];
  poison?: boolean;
}

const failure = new Error('index func failed');

// Two indices, so a failure in the second must also undo nothing already done for the first.
function poisonableStore(): ThreadSafeStore<Item> {
  return new ThreadSafeStore<Item>({
    tag: (item) => item.tags,
    strict: (item) => {
      if (item.poison === true) throw failure;
      return [item.id];
    },
  });
}

function seeded(): ThreadSafeStore<Item> {
  const store = poisonableStore();
  store.add('k1', { id: 'one', tags: ['a', 'b'] });
  store.add('k2', { id: 'two', tags: ['b'] });
  store.byIndex('tag', 'b'); // fill the cached bucket lists, which must not go stale either
  return store;
}

function expectIndexFuncError(
  action: () => void,
  key: string | undefined,
  indexName: string,
): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(IndexFuncError.isInstance(caught)).toBe(true);
  expect(caught).toMatchObject({ key, indexName, cause: failure });
}

describe('ThreadSafeStore atomicity', () => {
  describe('an index func that throws', () => {
    it('should leave the store as it was on add of a new key', () => {
      const store = seeded();
      const before = storeState(store);
      expectIndexFuncError(
        () => store.add('k3', { id: 'three', tags: ['c'], poison: true }),
        'k3',
        'strict',
      );
      expect(storeState(store)).toEqual(before);
      expect(store.byIndex('tag', 'c')).toEqual([]);
    });

    it('should leave the store as it was on add or update of an existing key', () => {
      const store = seeded();
      const before = storeState(store);
      expectIndexFuncError(
        () => store.add('k1', { id: 'one', tags: ['c'], poison: true }),
        'k1',
        'strict',
      );
      expectIndexFuncError(
        () => store.update('k2', { id: 'two', tags: [], poison: true }),
        'k2',
        'strict',
      );
      expect(storeState(store)).toEqual(before);
      expect(
        store
          .byIndex('tag', 'b')
          .map((item) => item.id)
          .sort(),
      ).toEqual(['one', 'two']);
    });

    it('should leave the store as it was on delete when the stored object now fails', () => {
      const store = seeded();
      const before = storeState(store);
      const stored = store.get('k1') as Item;
      stored.poison = true; // a caller broke the read-only rule; delete must still be all or nothing
      expectIndexFuncError(() => store.delete('k1'), 'k1', 'strict');
      expect(storeState(store)).toEqual(before);
    });

    it('should leave the store as it was on replace', () => {
      const store = seeded();
      const before = storeState(store);
      expectIndexFuncError(
        () =>
          store.replace([
            ['k7', { id: 'seven', tags: ['z'] }],
            ['k8', { id: 'eight', tags: ['z'], poison: true }],
          ]),
        'k8',
        'strict',
      );
      expect(storeState(store)).toEqual(before);
    });

    it('should leave the store as it was on addIndexers', () => {
      const store = seeded();
      const before = storeState(store);
      expectIndexFuncError(
        () =>
          store.addIndexers({
            fine: (item) => [item.id],
            picky: (item) => {
              if (item.id === 'two') throw failure;
              return [item.id];
            },
          }),
        'k2',
        'picky',
      );
      expect(storeState(store)).toEqual(before);
      expect(Object.keys(store.getIndexers())).toEqual(['tag', 'strict']);
    });

    it('should report an index func that returns no array, or a non-string, with a TypeError cause', () => {
      const store = new ThreadSafeStore<unknown>({ bad: (value) => value as string[] });
      for (const bad of [undefined, 'text', [1], [null], ['ok', {}]]) {
        let caught: unknown;
        try {
          store.add('k', bad === undefined ? null : { value: bad });
          store.add('k', bad);
        } catch (error) {
          caught = error;
        }
        expect(IndexFuncError.isInstance(caught)).toBe(true);
        expect((caught as IndexFuncError).cause).toBeInstanceOf(TypeError);
      }
      expect(store.size).toBe(0);
    });
  });

  describe('re-entrancy', () => {
    it('should refuse every mutation from inside an index func and stay consistent', () => {
      const attempts: unknown[] = [];
      const store: ThreadSafeStore<Item> = new ThreadSafeStore<Item>({
        tag: (item) => {
          if (item.id === 'meddler') {
            const calls: (() => void)[] = [
              () => store.add('x', { id: 'x', tags: [] }),
              () => store.update('x', { id: 'x', tags: [] }),
              () => store.delete('k1'),
              () => store.replace([]),
              () => store.addIndexers({ more: () => [] }),
            ];
            for (const call of calls) {
              try {
                call();
              } catch (error) {
                attempts.push(error);
              }
            }
          }
          return item.tags;
        },
      });
      store.add('k1', { id: 'one', tags: ['a'] });
      store.add('meddler', { id: 'meddler', tags: ['a'] });
      expect(attempts).toHaveLength(5);
      for (const attempt of attempts) expect(ReentrantMutationError.isInstance(attempt)).toBe(true);
      expect(attempts.map((attempt) => (attempt as ReentrantMutationError).method)).toEqual([
        'add',
        'update',
        'delete',
        'replace',
        'addIndexers',
      ]);
      expect(storeState(store)).toEqual({
        items: [
          ['k1', { id: 'one', tags: ['a'] }],
          ['meddler', { id: 'meddler', tags: ['a'] }],
        ],
        indices: { tag: [['a', ['k1', 'meddler']]] },
      });
    });

    it('should fail the outer call with the re-entrancy error as cause when the index func lets it through', () => {
      const store: ThreadSafeStore<Item> = new ThreadSafeStore<Item>({
        tag: (item) => {
          if (item.id === 'meddler') store.delete('k1');
          return item.tags;
        },
      });
      store.add('k1', { id: 'one', tags: ['a'] });
      const before = storeState(store);
      let caught: unknown;
      try {
        store.add('meddler', { id: 'meddler', tags: ['a'] });
      } catch (error) {
        caught = error;
      }
      expect(IndexFuncError.isInstance(caught)).toBe(true);
      expect(ReentrantMutationError.isInstance((caught as IndexFuncError).cause)).toBe(true);
      expect(storeState(store)).toEqual(before);
      // The guard is released: the store works normally afterwards.
      store.add('k2', { id: 'two', tags: ['b'] });
      expect(store.indexKeys('tag', 'b')).toEqual(['k2']);
    });

    it('should let an index func read the store, which shows the state before the call', () => {
      const seen: number[] = [];
      const store: ThreadSafeStore<Item> = new ThreadSafeStore<Item>({
        tag: (item) => {
          seen.push(store.size);
          return [...item.tags, `seen-${store.byIndex('tag', 'a').length}`];
        },
      });
      store.add('k1', { id: 'one', tags: ['a'] });
      store.add('k2', { id: 'two', tags: ['a'] });
      expect(seen).toEqual([0, 1]);
      expect(store.indexKeys('tag', 'a')).toEqual(['k1', 'k2']);
      expect(store.indexKeys('tag', 'seen-0')).toEqual(['k1']);
      expect(store.indexKeys('tag', 'seen-1')).toEqual(['k2']);
    });

    it('should refuse a replace whose iterable mutates the store', () => {
      const store = new ThreadSafeStore<Item>({ tag: (item) => item.tags });
      store.add('k1', { id: 'one', tags: ['a'] });
      const before = storeState(store);
      function* meddlingItems(): Generator<[string, Item]> {
        yield ['k2', { id: 'two', tags: ['b'] }];
        store.delete('k1');
      }
      expect(() => store.replace(meddlingItems())).toThrow(ReentrantMutationError);
      expect(storeState(store)).toEqual(before);
    });
  });

  describe('detectMutations', () => {
    it('should deep-freeze stored objects so that a mutation throws a TypeError', () => {
      const store = new ThreadSafeStore<Item & { meta?: { labels: Record<string, string> } }>(
        { tag: (item) => item.tags },
        { detectMutations: true },
      );
      store.add('k1', { id: 'one', tags: ['a'], meta: { labels: { app: 'web' } } });
      store.replace([['k2', { id: 'two', tags: ['b'] }]]);
      store.update('k3', { id: 'three', tags: ['c'] });
      const two = store.get('k2') as Item;
      const three = store.get('k3') as Item & { meta?: { labels: Record<string, string> } };
      expect(() => {
        two.id = 'changed';
      }).toThrow(TypeError);
      expect(() => three.tags.push('d')).toThrow(TypeError);
      expect(store.indexKeys('tag', 'c')).toEqual(['k3']);
    });

    it('should freeze nested objects and handle cycles and typed arrays', () => {
      const store = new ThreadSafeStore<Record<string, unknown>>(undefined, {
        detectMutations: true,
      });
      const cyclic: Record<string, unknown> = {
        bytes: new Uint8Array(2),
        inner: { list: [{ deep: 1 }] },
      };
      cyclic['self'] = cyclic;
      store.add('k', cyclic);
      const inner = cyclic['inner'] as { list: { deep: number }[] };
      expect(Object.isFrozen(inner)).toBe(true);
      expect(Object.isFrozen(inner.list[0])).toBe(true);
      expect(() => {
        (inner.list[0] as { deep: number }).deep = 2;
      }).toThrow(TypeError);
    });

    it('should not freeze an object that the store refused', () => {
      const store = new ThreadSafeStore<Item>(
        {
          strict: (item) => {
            if (item.poison === true) throw failure;
            return [];
          },
        },
        { detectMutations: true },
      );
      const refused = { id: 'x', tags: [], poison: true };
      expect(() => store.add('k', refused)).toThrow(IndexFuncError);
      expect(Object.isFrozen(refused)).toBe(false);
    });

    it('should leave stored objects mutable by default', () => {
      const store = new ThreadSafeStore<Item>();
      const item = { id: 'one', tags: [] };
      store.add('k', item);
      expect(Object.isFrozen(store.get('k'))).toBe(false);
    });
  });
});
