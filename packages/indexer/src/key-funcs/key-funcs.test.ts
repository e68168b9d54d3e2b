import { describe, expect, it } from 'vitest';
import { DeletedFinalStateUnknown } from '../cache/deleted-final-state-unknown';
import { deletionHandlingMetaNamespaceKeyFunc } from './deletion-handling-meta-namespace-key-func';
import { ExplicitKey, explicitKey } from './explicit-key';
import { indexFuncToKeyFuncAdapter } from './index-func-to-key-func-adapter';
import { KeyError, MalformedKeyError, MissingMetadataError } from '../errors';
import { metaNamespaceIndexFunc, NAMESPACE_INDEX } from '../index-funcs/meta-namespace-index-func';
import { metaNamespaceKeyFunc } from './meta-namespace-key-func';
import { splitMetaNamespaceKey } from './split-meta-namespace-key';

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('metaNamespaceKeyFunc', () => {
  it('should return namespace/name, or the name alone when the namespace is empty', () => {
    expect(metaNamespaceKeyFunc({ metadata: { namespace: 'default', name: 'web' } })).toBe(
      'default/web',
    );
    expect(metaNamespaceKeyFunc({ metadata: { namespace: '', name: 'node-1' } })).toBe('node-1');
    expect(metaNamespaceKeyFunc({ metadata: { name: 'node-1' } })).toBe('node-1');
    expect(metaNamespaceKeyFunc({ metadata: { namespace: 'default' } })).toBe('default/');
    expect(metaNamespaceKeyFunc({ metadata: {} })).toBe('');
  });

  it('should pass an ExplicitKey through', () => {
    const key = explicitKey('kube-system/coredns');
    expect(metaNamespaceKeyFunc(key)).toBe('kube-system/coredns');
    expect(ExplicitKey.isInstance(key)).toBe(true);
    expect(String(key)).toBe('kube-system/coredns');
    expect(Object.isFrozen(key)).toBe(true);
  });

  it('should throw a KeyError naming the object when there is no usable metadata', () => {
    for (const bad of [
      {},
      null,
      undefined,
      'default/web',
      42,
      { metadata: null },
      { metadata: 'x' },
    ]) {
      const error = caught(() => metaNamespaceKeyFunc(bad));
      expect(KeyError.isInstance(error)).toBe(true);
      expect((error as KeyError).object).toBe(bad);
      expect(MissingMetadataError.isInstance((error as KeyError).cause)).toBe(true);
      expect((error as KeyError).message).toContain('object has no meta');
    }
  });

  it('should refuse a name or namespace that is not a string', () => {
    const badName = { kind: 'Pod', metadata: { namespace: 'default', name: 7 } };
    expect(caught(() => metaNamespaceKeyFunc(badName))).toMatchObject({
      name: 'KeyError',
      message: expect.stringContaining('metadata.name is not a string') as unknown,
    });
    const badNamespace = { metadata: { namespace: ['default'], name: 'web' } };
    expect(caught(() => metaNamespaceKeyFunc(badNamespace))).toMatchObject({
      message: expect.stringContaining('metadata.namespace is not a string') as unknown,
    });
  });
});

describe('deletionHandlingMetaNamespaceKeyFunc', () => {
  it('should return the key of a tombstone and delegate everything else', () => {
    const tombstone = new DeletedFinalStateUnknown('default/gone', { metadata: { name: 'other' } });
    expect(deletionHandlingMetaNamespaceKeyFunc(tombstone)).toBe('default/gone');
    expect(deletionHandlingMetaNamespaceKeyFunc({ metadata: { namespace: 'a', name: 'b' } })).toBe(
      'a/b',
    );
    expect(deletionHandlingMetaNamespaceKeyFunc(explicitKey('x'))).toBe('x');
    expect(() => deletionHandlingMetaNamespaceKeyFunc({})).toThrow(KeyError);
  });
});

describe('splitMetaNamespaceKey', () => {
  it('should split like client-go', () => {
    expect(splitMetaNamespaceKey('default/web')).toEqual({ namespace: 'default', name: 'web' });
    expect(splitMetaNamespaceKey('node-1')).toEqual({ namespace: '', name: 'node-1' });
    expect(splitMetaNamespaceKey('')).toEqual({ namespace: '', name: '' });
    expect(splitMetaNamespaceKey('/x')).toEqual({ namespace: '', name: 'x' });
    expect(splitMetaNamespaceKey('a/')).toEqual({ namespace: 'a', name: '' });
  });

  it('should throw MalformedKeyError for more than one slash', () => {
    for (const key of ['a/b/c', '//', 'a//b']) {
      const error = caught(() => splitMetaNamespaceKey(key));
      expect(MalformedKeyError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        key,
        message: `unexpected key format: ${JSON.stringify(key)}`,
      });
    }
  });

  it('should invert metaNamespaceKeyFunc', () => {
    const object = { metadata: { namespace: 'ns', name: 'n' } };
    expect(splitMetaNamespaceKey(metaNamespaceKeyFunc(object))).toEqual(object.metadata);
  });
});

describe('metaNamespaceIndexFunc', () => {
  it('should index by namespace, "" for cluster-scoped objects', () => {
    expect(NAMESPACE_INDEX).toBe('namespace');
    expect(metaNamespaceIndexFunc({ metadata: { namespace: 'default', name: 'web' } })).toEqual([
      'default',
    ]);
    expect(metaNamespaceIndexFunc({ metadata: { name: 'node-1' } })).toEqual(['']);
  });

  it('should throw MissingMetadataError without metadata', () => {
    expect(() => metaNamespaceIndexFunc({})).toThrow(MissingMetadataError);
    expect(() => metaNamespaceIndexFunc(null)).toThrow(MissingMetadataError);
    expect(() => metaNamespaceIndexFunc({ metadata: { namespace: 1 } })).toThrow(
      MissingMetadataError,
    );
  });
});

describe('indexFuncToKeyFuncAdapter', () => {
  const keyFunc = indexFuncToKeyFuncAdapter<string>((value) => {
    if (value === 'throw') throw new Error('inner failure');
    return value === '' ? [] : value.split(',');
  });

  it('should return the single value', () => {
    expect(keyFunc('one')).toBe('one');
  });

  it('should throw a KeyError for several values, none, or a failing index func', () => {
    expect(caught(() => keyFunc('a,b'))).toMatchObject({
      name: 'KeyError',
      cause: { message: 'too many keys: ["a","b"]' },
    });
    expect(caught(() => keyFunc(''))).toMatchObject({
      name: 'KeyError',
      cause: { message: 'unexpected empty indexKeys' },
    });
    expect(caught(() => keyFunc('throw'))).toMatchObject({
      name: 'KeyError',
      object: 'throw',
      cause: { message: 'inner failure' },
    });
  });
});

describe('KeyError', () => {
  it('should keep the object and the cause chain (TestKeyError)', () => {
    const root = new Error('root cause');
    const keyError = new KeyError(100, { cause: root });
    expect(keyError.cause).toBe(root);
    expect(keyError.object).toBe(100);
    const nested = new KeyError(100, { cause: keyError });
    expect((nested.cause as KeyError).cause).toBe(root);
    expect(nested.message).toBe(
      "couldn't create key for object 100: couldn't create key for object 100: root cause",
    );
    expect(KeyError.isInstance(nested)).toBe(true);
    expect(KeyError.isInstance(root)).toBe(false);
  });

  it('should describe Kubernetes objects by kind and name, and survive unprintable objects', () => {
    expect(new KeyError({ kind: 'Pod', metadata: { namespace: 'ns', name: 'web' } }).message).toBe(
      `couldn't create key for object Pod "ns/web"`,
    );
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(new KeyError(cyclic).message).toBe("couldn't create key for object [object Object]");
    expect(new KeyError({ big: 'x'.repeat(500) }).message.length).toBeLessThan(260);
  });
});
