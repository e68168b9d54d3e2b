import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@kube-cache/store-core';
import { FieldPathError } from '../errors';
import { indexByField } from './index-by-field';
import { indexByLabel } from './index-by-label';
import { indexByOwnerUid } from './index-by-owner-uid';

describe('indexByLabel', () => {
  it('should index by one label value', () => {
    const byApp = indexByLabel('app');
    expect(byApp({ metadata: { labels: { app: 'web', tier: 'front' } } })).toEqual(['web']);
    expect(byApp({ metadata: { labels: { app: '' } } })).toEqual(['']);
  });

  it('should leave out objects without the label, labels or metadata', () => {
    const byApp = indexByLabel('app');
    expect(byApp({ metadata: { labels: { tier: 'front' } } })).toEqual([]);
    expect(byApp({ metadata: {} })).toEqual([]);
    expect(byApp({})).toEqual([]);
    expect(byApp(null as never)).toEqual([]);
  });

  it('should not read labels from the prototype', () => {
    expect(indexByLabel('constructor')({ metadata: { labels: {} } })).toEqual([]);
    expect(
      indexByLabel('__proto__')({
        metadata: { labels: JSON.parse('{"__proto__":"p"}') as Record<string, string> },
      }),
    ).toEqual(['p']);
  });

  it('should support keys with dots and slashes', () => {
    expect(
      indexByLabel('app.kubernetes.io/name')({
        metadata: { labels: { 'app.kubernetes.io/name': 'db' } },
      }),
    ).toEqual(['db']);
  });

  it('should refuse an empty label key', () => {
    expect(() => indexByLabel('')).toThrow(InvalidArgumentError);
  });
});

describe('indexByField', () => {
  const pod = {
    metadata: { name: 'web', labels: { app: 'web', 'app.kubernetes.io/name': 'shop' } },
    spec: {
      nodeName: 'node-a',
      priority: 7,
      hostNetwork: false,
      containers: [
        { name: 'main', image: 'shop:1', ports: [{ containerPort: 80 }, { containerPort: 443 }] },
        { name: 'sidecar', image: 'proxy:2', ports: [{ containerPort: 80 }] },
      ],
      tolerations: null,
      args: ['a', 'b', 'a'],
    },
  };

  it('should index by a nested string field', () => {
    expect(indexByField('spec.nodeName')(pod)).toEqual(['node-a']);
    expect(indexByField('metadata.labels.app')(pod)).toEqual(['web']);
    expect(indexByField(['metadata', 'labels', 'app.kubernetes.io/name'])(pod)).toEqual(['shop']);
  });

  it('should convert numbers and booleans and expand arrays, de-duplicated', () => {
    expect(indexByField('spec.priority')(pod)).toEqual(['7']);
    expect(indexByField('spec.hostNetwork')(pod)).toEqual(['false']);
    expect(indexByField('spec.containers.image')(pod)).toEqual(['shop:1', 'proxy:2']);
    expect(indexByField('spec.containers.ports.containerPort')(pod)).toEqual(['80', '443']);
    expect(indexByField('spec.containers.1.name')(pod)).toEqual(['sidecar']);
    expect(indexByField('spec.args')(pod)).toEqual(['a', 'b']);
  });

  it('should give no value for a missing path or a null leaf, and never follow the prototype', () => {
    expect(indexByField('spec.schedulerName')(pod)).toEqual([]);
    expect(indexByField('spec.tolerations')(pod)).toEqual([]);
    expect(indexByField('status.phase')(pod)).toEqual([]);
    expect(indexByField('spec.nodeName.length')(pod)).toEqual([]);
    expect(indexByField('constructor.name')(pod)).toEqual([]);
    expect(indexByField('spec.nodeName')(null)).toEqual([]);
  });

  it('should throw FieldPathError for a bad path or an object leaf', () => {
    expect(() => indexByField('')).toThrow(FieldPathError);
    expect(() => indexByField('spec..nodeName')).toThrow(FieldPathError);
    expect(() => indexByField([])).toThrow(FieldPathError);
    expect(() => indexByField('spec')(pod)).toThrow(FieldPathError);
    expect(() => indexByField('spec.containers')(pod)).toThrow(FieldPathError);
  });
});

describe('indexByOwnerUid', () => {
  const owned = {
    metadata: {
      ownerReferences: [
        { uid: 'rs-1', controller: true },
        { uid: 'other' },
        { uid: 'rs-1' },
        { uid: '' },
      ],
    },
  };

  it('should index by every owner UID, de-duplicated', () => {
    expect(indexByOwnerUid()(owned)).toEqual(['rs-1', 'other']);
  });

  it('should keep only the controller when asked', () => {
    expect(indexByOwnerUid({ controllerOnly: true })(owned)).toEqual(['rs-1']);
  });

  it('should leave out objects without owners', () => {
    expect(indexByOwnerUid()({ metadata: {} })).toEqual([]);
    expect(indexByOwnerUid()({})).toEqual([]);
    expect(indexByOwnerUid()({ metadata: { ownerReferences: [null, 3] as never } })).toEqual([]);
  });
});
