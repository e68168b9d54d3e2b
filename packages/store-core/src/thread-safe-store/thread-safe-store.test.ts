import { describe, expect, it } from 'vitest';
import {
  IndexFuncError,
  IndexNotFoundError,
  IndexerConflictError,
  InvalidArgumentError,
  KubeCacheError,
} from '../errors';
import { storeState } from './store-state.test-support';
import { ThreadSafeStore } from './thread-safe-store';

interface Item {
  id: string;
  tags: string[];
}

const byTag = (item: Item): string[] => item.tags;

function taggedStore(): ThreadSafeStore<Item> {
  return new ThreadSafeStore<Item>({ tag: byTag });
}

describe('ThreadSafeStore', () => {
  describe('add, update, get, has, size', () => {
    it('should store and return objects by key', () => {
      const store = taggedStore();
      const one = { id: 'one', tags: ['a'] };
      store.add('k1', one);
      expect(store.get('k1')).toBe(one);
      expect(store.has('k1')).toBe(true);
      expect(store.has('k2')).toBe(false);
      expect(store.get('k2')).toBeUndefined();
      expect(store.size).toBe(1);
    });

    it('should overwrite and re-index on add of an existing key', () => {
      const store = taggedStore();
      store.add('k1', { id: 'one', tags: ['a'] });
      store.add('k1', { id: 'one-again', tags: ['b'] });
      expect(store.size).toBe(1);
      expect(store.get('k1')?.id).toBe('one-again');
      expect(store.indexKeys('tag', 'a')).toEqual([]);
      expect(store.indexKeys('tag', 'b')).toEqual(['k1']);
    });

    it('should insert on update of a missing key', () => {
      const store = taggedStore();
      store.update('k1', { id: 'one', tags: ['a'] });
      expect(store.get('k1')?.id).toBe('one');
      expect(store.indexKeys('tag', 'a')).toEqual(['k1']);
    });

    it('should swap the stored object when the single index value is unchanged', () => {
      const store = taggedStore();
      store.add('k1', { id: 'old', tags: ['a'] });
      expect(store.byIndex('tag', 'a').map((item) => item.id)).toEqual(['old']);
      store.update('k1', { id: 'new', tags: ['a'] });
      expect(store.byIndex('tag', 'a').map((item) => item.id)).toEqual(['new']);
      expect(store.index('tag', { id: '', tags: ['a'] }).map((item) => item.id)).toEqual(['new']);
    });

    it('should store null, which is a value, but refuse undefined and non-string keys', () => {
      const store = new ThreadSafeStore<Item | null>();
      store.add('nothing', null);
      expect(store.has('nothing')).toBe(true);
      expect(() => store.add('key', undefined as unknown as null)).toThrow(InvalidArgumentError);
      expect(() => store.add(7 as unknown as string, null)).toThrow(InvalidArgumentError);
      expect(store.listKeys()).toEqual(['nothing']);
    });
  });

  describe('delete', () => {
    it('should remove the object and its index entries', () => {
      const store = taggedStore();
      store.add('k1', { id: 'one', tags: ['a', 'b'] });
      store.delete('k1');
      expect(store.has('k1')).toBe(false);
      expect(store.size).toBe(0);
      expect(store.listIndexFuncValues('tag')).toEqual([]);
    });

    it('should do nothing for a missing key', () => {
      const store = taggedStore();
      store.add('k1', { id: 'one', tags: ['a'] });
      const before = storeState(store);
      store.delete('missing');
      expect(storeState(store)).toEqual(before);
    });
  });

  describe('list and listKeys', () => {
    it('should return a new array on each call that does not follow later changes', () => {
      const store = taggedStore();
      store.add('k1', { id: 'one', tags: [] });
      const list = store.list();
      const keys = store.listKeys();
      expect(store.list()).not.toBe(list);
      expect(store.listKeys()).not.toBe(keys);
      list.push({ id: 'intruder', tags: [] });
      keys.push('intruder');
      store.add('k2', { id: 'two', tags: [] });
      store.delete('k1');
      expect(list.map((item) => item.id)).toEqual(['one', 'intruder']);
      expect(keys).toEqual(['k1', 'intruder']);
      expect(store.listKeys()).toEqual(['k2']);
    });
  });

  describe('client-go thread_safe_store_test.go', () => {
    it('should remove an index set that becomes empty (TestThreadSafeStoreDeleteRemovesEmptySetsFromIndex)', () => {
      const store = new ThreadSafeStore<string>({ testIndexer: (object) => [object] });
      store.add('testKey', 'testKey');
      expect(store.indexKeys('testIndexer', 'testKey')).toHaveLength(1);
      store.delete('testKey');
      expect(store.listIndexFuncValues('testIndexer')).not.toContain('testKey');
      expect(store.indexKeys('testIndexer', 'testKey')).toEqual([]);
    });

    it('should keep a non-empty set after a delete (TestThreadSafeStoreAddKeepsNonEmptySetPostDeleteFromIndex)', () => {
      const store = new ThreadSafeStore<string>({ testIndexer: () => ['testIndex'] });
      store.add('retain', 'retain');
      store.add('delete', 'delete');
      expect(store.indexKeys('testIndexer', 'testIndex')).toHaveLength(2);
      store.delete('delete');
      expect(store.listIndexFuncValues('testIndexer')).toEqual(['testIndex']);
      expect(store.indexKeys('testIndexer', 'testIndex')).toEqual(['retain']);
    });

    it('should index several values per object (TestThreadSafeStoreIndexingFunctionsWithMultipleValues)', () => {
      const store = new ThreadSafeStore<string>({ testIndexer: (object) => object.split(',') });
      const check = (foo: string[], bar: string[], baz: string[]): void => {
        expect(store.indexKeys('testIndexer', 'foo')).toEqual(foo);
        expect(store.indexKeys('testIndexer', 'bar')).toEqual(bar);
        expect(store.indexKeys('testIndexer', 'baz')).toEqual(baz);
      };
      store.add('key1', 'foo');
      store.add('key2', 'bar');
      check(['key1'], ['key2'], []);
      store.update('key2', 'foo,bar');
      check(['key1', 'key2'], ['key2'], []);
      store.update('key1', 'foo,bar');
      check(['key1', 'key2'], ['key1', 'key2'], []);
      store.add('key3', 'foo,bar,baz');
      check(['key1', 'key2', 'key3'], ['key1', 'key2', 'key3'], ['key3']);
      store.update('key1', 'foo');
      check(['key1', 'key2', 'key3'], ['key2', 'key3'], ['key3']);
      store.update('key2', 'bar');
      check(['key1', 'key3'], ['key2', 'key3'], ['key3']);
      store.delete('key1');
      check(['key3'], ['key2', 'key3'], ['key3']);
      store.delete('key3');
      check([], ['key2'], []);
      // The emptied sets are gone, not merely empty.
      expect(store.listIndexFuncValues('testIndexer')).toEqual(['bar']);
    });
  });

  describe('empty bucket removal', () => {
    it('should not grow with high-churn objects', () => {
      const store = new ThreadSafeStore<{ generation: number }>({
        generation: (object) => [String(object.generation)],
      });
      for (let generation = 0; generation < 1_000; generation++) {
        store.update('churning', { generation });
        if (generation % 3 === 1) store.delete('churning');
      }
      expect(store.listIndexFuncValues('generation')).toEqual(['999']);
      store.delete('churning');
      expect(store.listIndexFuncValues('generation')).toEqual([]);
    });

    it('should cope with an index func that lists a value twice', () => {
      const store = new ThreadSafeStore<string>({ twice: (object) => [object, object] });
      store.add('k', 'v');
      expect(store.byIndex('twice', 'v')).toEqual(['v']);
      store.update('k', 'w');
      expect(store.listIndexFuncValues('twice')).toEqual(['w']);
      store.delete('k');
      expect(store.listIndexFuncValues('twice')).toEqual([]);
    });
  });

  describe('index lookups', () => {
    it('should throw IndexNotFoundError for an unknown index name, but list no values', () => {
      const store = taggedStore();
      store.add('k1', { id: 'one', tags: ['a'] });
      expect(() => store.byIndex('nope', 'a')).toThrow(IndexNotFoundError);
      expect(() => store.indexKeys('nope', 'a')).toThrow(IndexNotFoundError);
      expect(() => store.index('nope', { id: '', tags: ['a'] })).toThrow(IndexNotFoundError);
      expect(() => store.byIndex('nope', 'a')).toThrow('Index with name nope does not exist');
      expect(store.listIndexFuncValues('nope')).toEqual([]);
    });

    it('should return [] for a known index and an unknown value', () => {
      const store = taggedStore();
      expect(store.byIndex('tag', 'missing')).toEqual([]);
      expect(store.indexKeys('tag', 'missing')).toEqual([]);
      expect(store.index('tag', { id: '', tags: ['missing'] })).toEqual([]);
    });

    it('should return index keys sorted', () => {
      const store = taggedStore();
      for (const key of ['m', 'b', 'z', 'a']) store.add(key, { id: key, tags: ['t'] });
      expect(store.indexKeys('tag', 't')).toEqual(['a', 'b', 'm', 'z']);
    });

    it('should return the de-duplicated union of every value of the object from index()', () => {
      const store = taggedStore();
      store.add('one', { id: 'one', tags: ['ernie', 'bert'] });
      store.add('two', { id: 'two', tags: ['bert', 'oscar'] });
      store.add('tre', { id: 'tre', tags: ['ernie', 'elmo'] });
      const ids = (items: Item[]): string[] => items.map((item) => item.id).sort();
      expect(ids(store.index('tag', { id: '', tags: ['ernie', 'bert'] }))).toEqual([
        'one',
        'tre',
        'two',
      ]);
      expect(ids(store.index('tag', { id: '', tags: ['elmo', 'elmo'] }))).toEqual(['tre']);
      expect(store.index('tag', { id: '', tags: [] })).toEqual([]);
    });

    it('should report an index func failure in index() as IndexFuncError without a key', () => {
      const cause = new Error('no tags');
      const store = new ThreadSafeStore<Item>({
        tag: (item) => {
          if (item.tags.length === 0) throw cause;
          return item.tags;
        },
      });
      const error = catchError(() => store.index('tag', { id: 'x', tags: [] }));
      expect(IndexFuncError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ indexName: 'tag', key: undefined, cause });
    });

    it('should return byIndex results that never alias internal state', () => {
      const store = taggedStore();
      store.add('k1', { id: 'one', tags: ['a'] });
      const first = store.byIndex('tag', 'a');
      first.push({ id: 'intruder', tags: ['a'] });
      const second = store.byIndex('tag', 'a');
      expect(second.map((item) => item.id)).toEqual(['one']);
      expect(second).not.toBe(store.byIndex('tag', 'a'));
      store.add('k2', { id: 'two', tags: ['a'] });
      expect(second.map((item) => item.id)).toEqual(['one']);
      expect(
        store
          .byIndex('tag', 'a')
          .map((item) => item.id)
          .sort(),
      ).toEqual(['one', 'two']);
      store.delete('k1');
      expect(store.byIndex('tag', 'a').map((item) => item.id)).toEqual(['two']);
    });
  });

  describe('keys and values that are object property names', () => {
    it('should treat __proto__, constructor and "" as ordinary keys, values and index names', () => {
      const awkward = ['__proto__', 'constructor', '', 'toString', 'hasOwnProperty'];
      const store = new ThreadSafeStore<Item>(
        Object.fromEntries(awkward.map((name) => [name, byTag])),
      );
      for (const key of awkward) store.add(key, { id: key, tags: awkward });
      expect(store.listKeys().sort()).toEqual([...awkward].sort());
      for (const indexName of awkward) {
        expect(store.listIndexFuncValues(indexName).sort()).toEqual([...awkward].sort());
        for (const value of awkward)
          expect(store.indexKeys(indexName, value)).toEqual([...awkward].sort());
      }
      expect(Object.keys(store.getIndexers()).sort()).toEqual([...awkward].sort());
      expect(() => store.byIndex('valueOf', '')).toThrow(IndexNotFoundError);
      expect(store.get('hasOwnProperty')?.id).toBe('hasOwnProperty');
      expect(store.get('valueOf')).toBeUndefined();
      for (const key of awkward) store.delete(key);
      expect(store.size).toBe(0);
      expect(store.listIndexFuncValues('__proto__')).toEqual([]);
    });
  });

  describe('replace', () => {
    it('should swap the content, rebuild every index and keep the last of duplicate keys', () => {
      const store = taggedStore();
      store.add('old', { id: 'old', tags: ['a'] });
      store.replace(
        [
          ['k1', { id: 'first', tags: ['b'] }],
          ['k2', { id: 'two', tags: ['b', 'c'] }],
          ['k1', { id: 'last', tags: ['c'] }],
        ],
        '42',
      );
      expect(storeState(store)).toEqual({
        items: [
          ['k1', { id: 'last', tags: ['c'] }],
          ['k2', { id: 'two', tags: ['b', 'c'] }],
        ],
        indices: {
          tag: [
            ['b', ['k2']],
            ['c', ['k1', 'k2']],
          ],
        },
      });
    });

    it('should keep no reference to the given map', () => {
      const store = taggedStore();
      const source = new Map([['k1', { id: 'one', tags: ['a'] }]]);
      store.replace(source);
      source.set('k2', { id: 'two', tags: ['a'] });
      source.delete('k1');
      expect(store.listKeys()).toEqual(['k1']);
    });

    it('should empty the store for an empty list', () => {
      const store = taggedStore();
      store.add('k1', { id: 'one', tags: ['a'] });
      store.replace([]);
      expect(storeState(store)).toEqual({ items: [], indices: { tag: [] } });
    });
  });

  describe('addIndexers and getIndexers', () => {
    it('should back-fill a new index over stored objects', () => {
      const store = taggedStore();
      store.add('k1', { id: 'one', tags: ['a'] });
      store.add('k2', { id: 'two', tags: ['a', 'b'] });
      store.addIndexers({ count: (item) => [String(item.tags.length)] });
      expect(store.indexKeys('count', '1')).toEqual(['k1']);
      expect(store.indexKeys('count', '2')).toEqual(['k2']);
      store.add('k3', { id: 'three', tags: [] });
      expect(store.indexKeys('count', '0')).toEqual(['k3']);
    });

    it('should refuse a name that exists and add none of the new names', () => {
      const store = taggedStore();
      store.add('k1', { id: 'one', tags: ['a'] });
      const before = storeState(store);
      const error = catchError(() => store.addIndexers({ fresh: byTag, tag: byTag }));
      expect(IndexerConflictError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ indexNames: ['tag'] });
      expect(storeState(store)).toEqual(before);
      expect(Object.keys(store.getIndexers())).toEqual(['tag']);
    });

    it('should accept an empty set of indexers', () => {
      const store = taggedStore();
      store.addIndexers({});
      expect(Object.keys(store.getIndexers())).toEqual(['tag']);
    });

    it('should refuse an indexer that is not a function', () => {
      const store = taggedStore();
      expect(() => store.addIndexers({ broken: 'nope' as unknown as typeof byTag })).toThrow(
        InvalidArgumentError,
      );
      expect(() => new ThreadSafeStore<Item>({ broken: 3 as unknown as typeof byTag })).toThrow(
        InvalidArgumentError,
      );
      expect(Object.keys(store.getIndexers())).toEqual(['tag']);
    });

    it('should return a frozen copy from getIndexers', () => {
      const indexers = { tag: byTag };
      const store = new ThreadSafeStore<Item>(indexers);
      const view = store.getIndexers();
      expect(Object.isFrozen(view)).toBe(true);
      expect(view).not.toBe(indexers);
      expect(view['tag']).toBe(byTag);
      store.addIndexers({ other: byTag });
      expect(Object.keys(view)).toEqual(['tag']);
      expect(Object.keys(store.getIndexers())).toEqual(['tag', 'other']);
      expect(Object.keys(indexers)).toEqual(['tag']);
    });
  });

  describe('resync', () => {
    it('should change nothing', () => {
      const store = taggedStore();
      store.add('k1', { id: 'one', tags: ['a'] });
      const before = storeState(store);
      store.resync();
      expect(storeState(store)).toEqual(before);
    });
  });

  describe('errors', () => {
    it('should be kube-cache errors with literal names', () => {
      const errors = [
        new IndexNotFoundError('x'),
        new IndexerConflictError(['x']),
        new IndexFuncError({ indexName: 'x', key: 'k', cause: new Error('inner') }),
        new InvalidArgumentError('key', 'bad'),
      ];
      expect(errors.map((error) => error.name)).toEqual([
        'IndexNotFoundError',
        'IndexerConflictError',
        'IndexFuncError',
        'InvalidArgumentError',
      ]);
      for (const error of errors) expect(KubeCacheError.isInstance(error)).toBe(true);
      expect(IndexNotFoundError.isInstance(errors[1])).toBe(false);
    });
  });
});

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}
