import {
  Cache,
  metaNamespaceIndexFunc,
  metaNamespaceKeyFunc,
  parseLabelSelector,
} from '@kube-cache/indexer';
import type { KubeObject } from '@kube-cache/indexer';
import { describe, expect, it } from 'vitest';
import { Lister } from './lister';

function object(
  name: string,
  namespace: string | undefined,
  labels: Record<string, string> = {},
): KubeObject {
  return { metadata: { name, namespace, labels } };
}

const objects = [
  object('web-0', 'default', { app: 'web', tier: 'frontend' }),
  object('web-1', 'default', { app: 'web', tier: 'backend' }),
  object('db-0', 'default', { app: 'db' }),
  object('web-0', 'other', { app: 'web' }),
  object('node-1', undefined, { zone: 'a' }),
];

function filled(withNamespaceIndex: boolean): Cache<KubeObject> {
  const cache = new Cache<KubeObject>(
    metaNamespaceKeyFunc,
    withNamespaceIndex ? { namespace: metaNamespaceIndexFunc } : {},
  );
  for (const object of objects) cache.add(object);
  return cache;
}

const names = (list: KubeObject[]): string[] =>
  list.map((object) => `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`).sort();

describe('Lister', () => {
  describe.each([
    { title: 'with a namespace index', withNamespaceIndex: true },
    { title: 'without a namespace index', withNamespaceIndex: false },
  ])('$title', ({ withNamespaceIndex }) => {
    const lister = new Lister(filled(withNamespaceIndex));

    it('should list everything, or what matches an equality or set-based selector', () => {
      expect(lister.list()).toHaveLength(5);
      expect(names(lister.list('app=web'))).toEqual([
        'default/web-0',
        'default/web-1',
        'other/web-0',
      ]);
      expect(names(lister.list('app in (web,db),tier notin (backend)'))).toEqual([
        'default/db-0',
        'default/web-0',
        'other/web-0',
      ]);
      expect(names(lister.list('!app'))).toEqual(['/node-1']);
      expect(names(lister.list(parseLabelSelector('zone')))).toEqual(['/node-1']);
    });

    it('should list and get within a namespace', () => {
      const inDefault = lister.namespaced('default');
      expect(names(inDefault.list())).toEqual(['default/db-0', 'default/web-0', 'default/web-1']);
      expect(names(inDefault.list('tier=backend'))).toEqual(['default/web-1']);
      expect(inDefault.get('web-0')?.metadata?.labels?.tier).toBe('frontend');
      expect(inDefault.get('missing')).toBeUndefined();
      expect(names(lister.namespaced('empty').list())).toEqual([]);
      expect(lister.namespaced('other').namespace).toBe('other');
    });

    it("should read every namespace through namespaced('') (client-go's NamespaceAll)", () => {
      const all = lister.namespaced('');
      expect(names(all.list())).toEqual(names(objects));
      expect(names(all.list('app=web'))).toEqual(['default/web-0', 'default/web-1', 'other/web-0']);
      expect(all.get('node-1')?.metadata?.labels?.zone).toBe('a');
    });

    it('should get a cluster-scoped object by name', () => {
      expect(lister.get('node-1')?.metadata?.labels?.zone).toBe('a');
      expect(lister.get('web-0')).toBeUndefined();
    });
  });

  it('should throw for a malformed selector string', () => {
    const lister = new Lister(filled(false));
    expect(() => lister.list('app in (web')).toThrow();
  });
});
