import { Cache, deletionHandlingMetaNamespaceKeyFunc } from '@kube-cache/indexer';
import type { KubeObject, ListerWatcher, WatchEvent, WatchStream } from '@kube-cache/indexer';
import type { KubeConfig as KubeConfig1 } from '@kubernetes/client-node';
import type { KubeConfig as KubeConfig2 } from '@kubernetes/client-node-2';
import { describe, expectTypeOf, it } from 'vitest';
import type { KubeConfigLike } from './transport/kube-config-like';
import type { KubeTransportOptions } from './transport/transport-types';
import { createListWatch } from './list-watch/list-watch';
import type { KubeListWatch } from './list-watch/list-watch';
import { Reflector } from './reflector/reflector';
import type { ReflectorEvent, ReflectorStore } from './reflector/reflector-types';

interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

describe('public types', () => {
  it('should accept the KubeConfig of client-node 1.x and 2.x', () => {
    expectTypeOf<KubeConfig1>().toExtend<KubeConfigLike>();
    expectTypeOf<KubeConfig2>().toExtend<KubeConfigLike>();
  });

  it('should type createListWatch by its type argument', () => {
    const kubeConfig = {} as KubeConfigLike;
    const resource = { apiVersion: 'v1', plural: 'configmaps' };
    expectTypeOf(createListWatch<ConfigMap>(kubeConfig, resource)).toEqualTypeOf<
      KubeListWatch<ConfigMap>
    >();
    expectTypeOf(createListWatch<ConfigMap>(kubeConfig, resource)).toExtend<
      ListerWatcher<ConfigMap>
    >();
    expectTypeOf(createListWatch(kubeConfig, resource)).toEqualTypeOf<KubeListWatch<KubeObject>>();
  });

  it('should read out the protocol and mark health-checked watch streams', () => {
    const listWatch = createListWatch({} as KubeConfigLike, { apiVersion: 'v1', plural: 'pods' });
    expectTypeOf(listWatch.protocol).toEqualTypeOf<'h2' | 'http/1.1' | undefined>();
    expectTypeOf<Awaited<ReturnType<typeof listWatch.watch>>>().toEqualTypeOf<
      WatchStream<KubeObject>
    >();
    expectTypeOf<WatchStream<KubeObject>>().toExtend<AsyncIterable<WatchEvent<KubeObject>>>();
    expectTypeOf<KubeTransportOptions['protocol']>().toEqualTypeOf<
      'auto' | 'http2' | 'http1' | undefined
    >();
  });

  it('should take an @kube-cache/indexer Cache as its store', () => {
    expectTypeOf<Cache<ConfigMap>>().toExtend<ReflectorStore<ConfigMap>>();
    const reflector = new Reflector({
      listerWatcher: {} as ListerWatcher<ConfigMap>,
      store: new Cache<ConfigMap>(deletionHandlingMetaNamespaceKeyFunc),
    });
    expectTypeOf(reflector).toEqualTypeOf<Reflector<ConfigMap>>();
  });

  it('should narrow reflector events on type', () => {
    expectTypeOf<Extract<ReflectorEvent, { type: 'backoff' }>>().toEqualTypeOf<{
      type: 'backoff';
      milliseconds: number;
      error: unknown;
    }>();
  });
});
