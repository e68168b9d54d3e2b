import { readFile } from 'node:fs/promises';
import type { KubeObject } from '@kube-cache/indexer';
import type { KubeConfigLike, ResourceDescriptor } from '@kube-cache/reflector';
import { FakeListerWatcher } from '@kube-cache/testing';
import { describe, expect, it } from 'vitest';
import { InformerFactory } from './informer-factory';
import { defineResource, resources } from './resource-descriptors';

describe('resources', () => {
  it('should describe each built-in resource by apiVersion, plural and kind', () => {
    expect(resources.pods).toEqual({ apiVersion: 'v1', plural: 'pods', kind: 'Pod' });
    expect(resources.deployments).toEqual({
      apiVersion: 'apps/v1',
      plural: 'deployments',
      kind: 'Deployment',
    });
    expect(resources.leases).toEqual({
      apiVersion: 'coordination.k8s.io/v1',
      plural: 'leases',
      kind: 'Lease',
    });
    for (const [name, descriptor] of Object.entries(resources)) {
      expect(descriptor.plural).toBe(name);
      expect(descriptor.kind).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(Object.isFrozen(descriptor)).toBe(true);
    }
  });

  it('should not import client-node at runtime (type-only import)', async () => {
    const source = await readFile(new URL('./resource-descriptors.ts', import.meta.url), 'utf8');
    const imports = source.match(/^import .*$/gm) ?? [];
    expect(imports.filter((line) => line.includes('@kubernetes/client-node'))).toEqual([]);
    expect(source).toContain("} from '@kubernetes/client-node';");
    expect(source).toMatch(/^import type \{\n(?:\s+\w+,\n)+\} from '@kubernetes\/client-node';$/m);
  });

  it('should reach the lister-watcher as the resource it names, with a namespace spread in', () => {
    const requested: ResourceDescriptor[] = [];
    const factory = new InformerFactory({
      // Never used: createListerWatcher stands in for createListWatch.
      kubeConfig: {} as KubeConfigLike,
      createListerWatcher: (resource) => {
        requested.push(resource);
        return new FakeListerWatcher<KubeObject>();
      },
    });
    factory.informerFor(resources.pods);
    factory.lister({ ...resources.configmaps, namespace: 'shop' });
    expect(requested).toEqual([
      { apiVersion: 'v1', plural: 'pods', kind: 'Pod', namespace: undefined },
      { apiVersion: 'v1', plural: 'configmaps', kind: 'ConfigMap', namespace: 'shop' },
    ]);
  });
});

describe('defineResource', () => {
  it('should return a copy of the descriptor', () => {
    const input = { apiVersion: 'example.com/v1', plural: 'widgets', kind: 'Widget' };
    const widgets = defineResource(input);
    expect(widgets).toEqual(input);
    expect(widgets).not.toBe(input);
  });
});
