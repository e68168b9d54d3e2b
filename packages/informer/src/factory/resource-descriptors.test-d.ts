import type { KubeObject } from '@kube-cache/indexer';
import type { KubeConfigLike } from '@kube-cache/reflector';
import type { V1ConfigMap, V1Deployment, V1Lease, V1Pod } from '@kubernetes/client-node';
import { describe, expectTypeOf, it } from 'vitest';
import type { SharedIndexInformer } from '../informer/shared-index-informer';
import type { Lister } from '../listers/lister';
import { InformerFactory } from './informer-factory';
import { defineResource, resources } from './resource-descriptors';
import type { ObjectOf, TypedResourceDescriptor } from './resource-descriptors';

declare const kubeConfig: KubeConfigLike;
const factory = new InformerFactory({ kubeConfig });

interface Widget extends KubeObject {
  spec?: { size?: number };
}

describe('typed resource descriptors', () => {
  it('should carry the client-node type of each built-in resource', () => {
    expectTypeOf(resources.pods).toEqualTypeOf<TypedResourceDescriptor<V1Pod>>();
    expectTypeOf<ObjectOf<typeof resources.configmaps>>().toEqualTypeOf<V1ConfigMap>();
    expectTypeOf<ObjectOf<typeof resources.deployments>>().toEqualTypeOf<V1Deployment>();
    expectTypeOf<ObjectOf<typeof resources.leases>>().toEqualTypeOf<V1Lease>();
    expectTypeOf<ObjectOf<{ apiVersion: 'v1'; plural: 'pods' }>>().toEqualTypeOf<KubeObject>();
  });

  it('should infer the informer, lister and field index type from the descriptor', () => {
    expectTypeOf(factory.informerFor(resources.pods)).toEqualTypeOf<SharedIndexInformer<V1Pod>>();
    expectTypeOf(factory.lister(resources.configmaps)).toEqualTypeOf<Lister<V1ConfigMap>>();
    expectTypeOf(factory.informerFor({ ...resources.pods, namespace: 'shop' })).toEqualTypeOf<
      SharedIndexInformer<V1Pod>
    >();
    factory.indexField(resources.pods, 'spec.nodeName', (pod) => {
      expectTypeOf(pod).toEqualTypeOf<V1Pod>();
      return pod.spec?.nodeName;
    });
    factory.informerFor(resources.pods).addEventHandler({
      onAdd: (pod) => {
        expectTypeOf(pod).toEqualTypeOf<V1Pod>();
      },
    });
    // The matching explicit type argument is fine.
    expectTypeOf(factory.informerFor<V1Pod>(resources.pods)).toEqualTypeOf<
      SharedIndexInformer<V1Pod>
    >();
  });

  it('should not compile a type that does not match the resource', () => {
    // @ts-expect-error - a V1Pod informer over configmaps
    factory.informerFor<V1Pod>({ apiVersion: 'v1', plural: 'configmaps' });
    // @ts-expect-error - client-node's types need their typed descriptor, even for the right plural
    factory.lister<V1Pod>({ apiVersion: 'v1', plural: 'pods' });
    // @ts-expect-error - the typed descriptor of configmaps is not one of pods
    factory.informerFor<V1Pod>(resources.configmaps);
    // @ts-expect-error - nor of a field index
    factory.indexField<V1ConfigMap>(resources.pods, 'x', () => undefined);
    // @ts-expect-error - nor is it one of a user's own type
    factory.lister<Widget>(resources.pods);
    expectTypeOf<Parameters<typeof factory.informerFor<V1Pod>>[0]>().not.toEqualTypeOf<
      typeof resources.configmaps
    >();
  });

  it('should keep untyped descriptors for custom resources and plain objects', () => {
    expectTypeOf(
      factory.informerFor<Widget>({ apiVersion: 'example.com/v1', plural: 'widgets' }),
    ).toEqualTypeOf<SharedIndexInformer<Widget>>();
    expectTypeOf(factory.informerFor({ apiVersion: 'v1', plural: 'configmaps' })).toEqualTypeOf<
      SharedIndexInformer<KubeObject>
    >();
    const widgets = defineResource<Widget>({
      apiVersion: 'example.com/v1',
      plural: 'widgets',
      kind: 'Widget',
    });
    expectTypeOf(factory.lister(widgets)).toEqualTypeOf<Lister<Widget>>();
    // @ts-expect-error - a typed descriptor of widgets is not one of pods
    factory.informerFor<V1Pod>(widgets);
  });

  it('should describe resources with plain strings', () => {
    expectTypeOf(resources.pods.apiVersion).toEqualTypeOf<string>();
    expectTypeOf(resources.pods.kind).toEqualTypeOf<string>();
  });
});
