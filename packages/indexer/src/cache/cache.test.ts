import { describe, expect, it } from 'vitest';
import {
  IndexerConflictError,
  IndexFuncError,
  IndexNotFoundError,
  InvalidArgumentError,
} from '@kube-cache/store-core';
import { Cache } from './cache';
import { DeletedFinalStateUnknown } from './deleted-final-state-unknown';
import type { Indexer } from './indexer';
import { KeyError } from '../errors';
import type { KubeObject } from '../api/kube-object';
import { metaNamespaceIndexFunc, NAMESPACE_INDEX } from '../index-funcs/meta-namespace-index-func';
import { metaNamespaceKeyFunc } from '../key-funcs/meta-namespace-key-func';
import { newIndexer } from './new-indexer';
import { newStore } from './new-store';
import type { Store } from './store';

// client-go store_test.go's fixture.
interface TestStoreObject {
  id: string;
  val: string;
}
const testStoreKeyFunc = (object: TestStoreObject): string => object.id;
const testStoreIndexers = () => ({ by_val: (object: TestStoreObject) => [object.val] });

function doTestStore(store: Store<TestStoreObject>): void {
  store.add({ id: 'foo', val: 'bar' });
  expect(store.get({ id: 'foo', val: '' })?.val).toBe('bar');
  store.update({ id: 'foo', val: 'baz' });
  expect(store.get({ id: 'foo', val: '' })?.val).toBe('baz');
  store.delete({ id: 'foo', val: '' });
  expect(store.get({ id: 'foo', val: '' })).toBeUndefined();

  store.add({ id: 'a', val: 'b' });
  store.add({ id: 'c', val: 'd' });
  store.add({ id: 'e', val: 'e' });
  const values = new Set(store.list().map((object) => object.val));
  expect(values).toEqual(new Set(['b', 'd', 'e']));

  store.replace(
    [
      { id: 'foo', val: 'foo' },
      { id: 'bar', val: 'bar' },
    ],
    '0',
  );
  expect(new Set(store.list().map((object) => object.val))).toEqual(new Set(['foo', 'bar']));
}

function doTestIndex(indexer: Indexer<TestStoreObject>): void {
  const expected = new Map([
    ['b', ['a', 'c']],
    ['f', ['e']],
    ['h', ['g']],
  ]);
  indexer.add({ id: 'a', val: 'b' });
  indexer.add({ id: 'c', val: 'b' });
  indexer.add({ id: 'e', val: 'f' });
  indexer.add({ id: 'g', val: 'h' });
  for (const [value, ids] of expected) {
    const found = indexer.index('by_val', { id: '', val: value }).map((object) => object.id);
    expect(found).toEqual(expect.arrayContaining(ids));
  }
}

interface Pod extends KubeObject {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
}
const pod = (name: string, extra: Partial<Pod['metadata']> = {}): Pod => ({
  metadata: { name, ...extra },
});

describe('Cache', () => {
  describe('client-go store_test.go', () => {
    it('should behave as a store (TestCache)', () => {
      const store = newStore(testStoreKeyFunc);
      doTestStore(store);
      expect(store.listKeys().sort()).toEqual(['bar', 'foo']);
    });

    it('should behave as a store with indices too', () => {
      const cache = new Cache(testStoreKeyFunc, testStoreIndexers());
      doTestStore(cache);
      expect(cache.listIndexFuncValues('by_val').sort()).toEqual(['bar', 'foo']);
    });

    it('should find objects by index (TestIndex)', () => {
      const indexer = newIndexer(testStoreKeyFunc, testStoreIndexers());
      doTestIndex(indexer);
      expect(indexer.indexKeys('by_val', 'b')).toEqual(['a', 'c']);
    });
  });

  describe('client-go index_test.go', () => {
    it('should list the values of an index (TestGetIndexFuncValues)', () => {
      const indexer = newIndexer<Pod>(metaNamespaceKeyFunc, {
        testmodes: (object) => [object.metadata.labels?.['foo'] ?? ''],
      });
      indexer.add(pod('one', { labels: { foo: 'bar' } }));
      indexer.add(pod('two', { labels: { foo: 'bar' } }));
      indexer.add(pod('tre', { labels: { foo: 'biz' } }));
      const values = indexer.listIndexFuncValues('testmodes');
      expect(values).toHaveLength(2);
      expect(values.sort()).toEqual(['bar', 'biz']);
    });

    it('should index several values per object (TestMultiIndexKeys)', () => {
      const indexer = newIndexer<Pod>(metaNamespaceKeyFunc, {
        byUser: (object) => (object.metadata.annotations?.['users'] ?? '').split(','),
      });
      const users = (name: string, value: string): Pod =>
        pod(name, { annotations: { users: value } });
      const pod1 = users('one', 'ernie,bert');
      const pod2 = users('two', 'bert,oscar');
      const pod3 = users('tre', 'ernie,elmo');
      indexer.add(pod1);
      indexer.add(pod2);
      indexer.add(pod3);
      const names = (user: string): string[] =>
        indexer
          .byIndex('byUser', user)
          .map((object) => object.metadata.name)
          .sort();
      expect(names('ernie')).toEqual(['one', 'tre']);
      expect(names('bert')).toEqual(['one', 'two']);
      expect(names('elmo')).toEqual(['tre']);
      expect(names('oscar')).toEqual(['two']);
      expect(names('elmo1')).toEqual([]);

      indexer.delete(pod3);
      expect(names('ernie')).toEqual(['one']);
      expect(names('elmo')).toEqual([]);

      const copy = structuredClone(pod2);
      copy.metadata.annotations = { users: 'oscar' };
      indexer.update(copy);
      expect(names('bert')).toEqual(['one']);
    });
  });

  describe('keys', () => {
    it('should key objects with the key func and look them up by key', () => {
      const cache = new Cache<Pod>(metaNamespaceKeyFunc, {
        [NAMESPACE_INDEX]: metaNamespaceIndexFunc,
      });
      cache.add(pod('web', { namespace: 'default' }));
      cache.add(pod('node-1'));
      expect(cache.listKeys().sort()).toEqual(['default/web', 'node-1']);
      expect(cache.getByKey('default/web')?.metadata.name).toBe('web');
      expect(cache.byIndex(NAMESPACE_INDEX, '').map((object) => object.metadata.name)).toEqual([
        'node-1',
      ]);
    });

    it('should throw a KeyError and change nothing when an object has no key', () => {
      const cache = new Cache<Pod>(metaNamespaceKeyFunc);
      cache.add(pod('web', { namespace: 'default' }));
      const keyless = {} as Pod;
      for (const action of [
        () => cache.add(keyless),
        () => cache.update(keyless),
        () => cache.delete(keyless),
        () => cache.get(keyless),
      ]) {
        expect(action).toThrow(KeyError);
      }
      expect(cache.listKeys()).toEqual(['default/web']);
    });

    it('should wrap a plain key func error in a KeyError and refuse a non-string key', () => {
      const failure = new Error('no id');
      const cache = new Cache<{ id?: unknown }>((object) => {
        if (object.id === undefined) throw failure;
        return object.id as string;
      });
      let caught: unknown;
      try {
        cache.add({});
      } catch (error) {
        caught = error;
      }
      expect(KeyError.isInstance(caught)).toBe(true);
      expect((caught as KeyError).cause).toBe(failure);
      expect(() => cache.add({ id: 42 })).toThrow(KeyError);
      expect(cache.list()).toEqual([]);
    });

    it('should refuse a key func that is not a function', () => {
      expect(() => new Cache<Pod>('nope' as never)).toThrow(InvalidArgumentError);
    });
  });

  describe('delete', () => {
    it('should delete a DeletedFinalStateUnknown tombstone by its key', () => {
      const cache = new Cache<Pod>(metaNamespaceKeyFunc, {
        [NAMESPACE_INDEX]: metaNamespaceIndexFunc,
      });
      cache.add(pod('web', { namespace: 'default' }));
      cache.delete(new DeletedFinalStateUnknown<Pod>('default/web', pod('stale-name')));
      expect(cache.list()).toEqual([]);
      expect(cache.listIndexFuncValues(NAMESPACE_INDEX)).toEqual([]);
    });

    it('should ignore a missing object', () => {
      const cache = new Cache<Pod>(metaNamespaceKeyFunc);
      cache.add(pod('web'));
      cache.delete(pod('other'));
      cache.delete(new DeletedFinalStateUnknown<Pod>('gone', pod('gone')));
      expect(cache.listKeys()).toEqual(['web']);
    });
  });

  describe('replace', () => {
    it('should swap the content and rebuild indices', () => {
      const cache = new Cache<Pod>(metaNamespaceKeyFunc, {
        [NAMESPACE_INDEX]: metaNamespaceIndexFunc,
      });
      cache.add(pod('old', { namespace: 'a' }));
      cache.replace([pod('x', { namespace: 'b' }), pod('y', { namespace: 'b' })], '10');
      expect(cache.listKeys().sort()).toEqual(['b/x', 'b/y']);
      expect(cache.listIndexFuncValues(NAMESPACE_INDEX)).toEqual(['b']);
      expect(cache.indexKeys(NAMESPACE_INDEX, 'b')).toEqual(['b/x', 'b/y']);
    });

    it('should compute every key first: a keyless object changes nothing and is named', () => {
      const cache = new Cache<Pod>(metaNamespaceKeyFunc, {
        [NAMESPACE_INDEX]: metaNamespaceIndexFunc,
      });
      cache.add(pod('keep', { namespace: 'a' }));
      const keyless = { kind: 'Pod', metadata: { namespace: 'b', name: 7 } } as unknown as Pod;
      let caught: unknown;
      try {
        cache.replace([pod('x', { namespace: 'b' }), keyless], '11');
      } catch (error) {
        caught = error;
      }
      expect(KeyError.isInstance(caught)).toBe(true);
      expect((caught as KeyError).object).toBe(keyless);
      expect((caught as KeyError).message).toContain('metadata.name is not a string');
      expect(cache.listKeys()).toEqual(['a/keep']);
      expect(cache.indexKeys(NAMESPACE_INDEX, 'a')).toEqual(['a/keep']);
    });

    it('should change nothing when an index func fails on a listed object', () => {
      const cache = new Cache<Pod>(metaNamespaceKeyFunc, {
        [NAMESPACE_INDEX]: metaNamespaceIndexFunc,
      });
      cache.add(pod('keep', { namespace: 'a' }));
      const noMetadataForIndex = { metadata: { name: 'x', namespace: 3 } } as unknown as Pod;
      expect(() => cache.replace([noMetadataForIndex], '12')).toThrow(KeyError);
      expect(cache.listKeys()).toEqual(['a/keep']);
    });
  });

  describe('indices', () => {
    it('should report index errors as the store does', () => {
      const cache = new Cache<Pod>(metaNamespaceKeyFunc, {
        [NAMESPACE_INDEX]: metaNamespaceIndexFunc,
      });
      expect(() => cache.byIndex('nope', 'x')).toThrow(IndexNotFoundError);
      expect(() => cache.addIndexers({ [NAMESPACE_INDEX]: metaNamespaceIndexFunc })).toThrow(
        IndexerConflictError,
      );
      const failing = new Cache<Pod>((object) => object.metadata.name, {
        [NAMESPACE_INDEX]: metaNamespaceIndexFunc,
      });
      expect(() =>
        failing.add({ metadata: { name: 'x', namespace: 5 } } as unknown as Pod),
      ).toThrow(IndexFuncError);
      expect(failing.list()).toEqual([]);
    });

    it('should back-fill added indexers and return frozen indexers', () => {
      const cache = new Cache<Pod>(metaNamespaceKeyFunc);
      cache.add(pod('web', { namespace: 'default' }));
      cache.addIndexers({ [NAMESPACE_INDEX]: metaNamespaceIndexFunc });
      expect(cache.indexKeys(NAMESPACE_INDEX, 'default')).toEqual(['default/web']);
      expect(Object.isFrozen(cache.getIndexers())).toBe(true);
      expect(Object.keys(cache.getIndexers())).toEqual([NAMESPACE_INDEX]);
      cache.resync();
      expect(cache.listKeys()).toEqual(['default/web']);
    });

    it('should copy the indexers given to newIndexer', () => {
      const indexers = { [NAMESPACE_INDEX]: metaNamespaceIndexFunc };
      const indexer = newIndexer<Pod>(metaNamespaceKeyFunc, indexers);
      indexer.addIndexers({ other: () => [] });
      expect(Object.keys(indexers)).toEqual([NAMESPACE_INDEX]);
    });
  });

  describe('detectMutations', () => {
    it('should freeze stored objects when asked', () => {
      const cache = new Cache<Pod>(metaNamespaceKeyFunc, undefined, { detectMutations: true });
      cache.add(pod('web', { labels: { app: 'web' } }));
      const stored = cache.getByKey('web') as Pod;
      expect(() => {
        (stored.metadata.labels as Record<string, string>)['app'] = 'changed';
      }).toThrow(TypeError);
      const store = newStore<Pod>(metaNamespaceKeyFunc, { detectMutations: true });
      store.add(pod('db'));
      expect(Object.isFrozen(store.getByKey('db'))).toBe(true);
    });
  });
});
