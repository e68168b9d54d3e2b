import { DeletedFinalStateUnknown } from '@kube-cache/indexer';
import type { Indexer, KubeObject, ListerWatcher } from '@kube-cache/indexer';
import { describe, expectTypeOf, it } from 'vitest';
import { InformerFactory } from '../factory/informer-factory';
import type { InformerFactoryOptions } from '../factory/informer-factory-options';
import { filteringHandler } from '../handlers/filtering-handler';
import type { Lister } from '../listers/lister';
import type { Deltas } from '../queue/delta';
import { DeltaFIFO } from '../queue/delta-fifo';
import type { InformerQueue } from '../queue/queue-types';
import { RealFIFO } from '../queue/real-fifo';
import { SharedIndexInformer } from './shared-index-informer';
import type { SharedIndexInformerOptions } from './shared-index-informer-options';

interface Pod extends KubeObject {
  spec?: { nodeName?: string };
}

declare const listerWatcher: ListerWatcher<Pod>;

describe('SharedIndexInformer types', () => {
  it('should take detectMutations as a boolean, on the informer and the factory', () => {
    expectTypeOf<SharedIndexInformerOptions<Pod>['detectMutations']>().toEqualTypeOf<
      boolean | undefined
    >();
    expectTypeOf<InformerFactoryOptions['detectMutations']>().toEqualTypeOf<boolean | undefined>();
    // @ts-expect-error - the environment variable's string form is not an option value
    new SharedIndexInformer<Pod>({ listerWatcher, detectMutations: 'true' });
  });

  it('should type handlers, stores and listers by the object type', () => {
    const informer = new SharedIndexInformer<Pod>({ listerWatcher });
    informer.addEventHandler({
      onAdd: (object, isInInitialList) => {
        expectTypeOf(object).toEqualTypeOf<Pod>();
        expectTypeOf(isInInitialList).toEqualTypeOf<boolean>();
      },
      onUpdate: (oldObject, newObject) => {
        expectTypeOf(oldObject).toEqualTypeOf<Pod>();
        expectTypeOf(newObject).toEqualTypeOf<Pod>();
      },
      onDelete: (object) => {
        expectTypeOf(object).toEqualTypeOf<Pod | DeletedFinalStateUnknown<Pod>>();
        if (DeletedFinalStateUnknown.isInstance<Pod>(object))
          expectTypeOf(object.object).toEqualTypeOf<Pod>();
      },
    });
    expectTypeOf(informer.getIndexer()).toEqualTypeOf<Indexer<Pod>>();
    expectTypeOf(informer.run).returns.toEqualTypeOf<Promise<void>>();
    // @ts-expect-error - handlers of another object type are refused
    informer.addEventHandler({ onAdd: (object: { other: number }) => object });
    const factory = new InformerFactory({ kubeConfig: {} as never });
    expectTypeOf(factory.lister<Pod>({ apiVersion: 'v1', plural: 'pods' })).toEqualTypeOf<
      Lister<Pod>
    >();
    expectTypeOf(filteringHandler<Pod>(() => true, {})).toHaveProperty('onAdd');
  });

  it('should make both FIFOs informer queues with awaitable pops', () => {
    expectTypeOf(new RealFIFO<Pod>()).toMatchTypeOf<InformerQueue<Pod>>();
    expectTypeOf(new DeltaFIFO<Pod>()).toMatchTypeOf<InformerQueue<Pod>>();
    expectTypeOf(new RealFIFO<Pod>().pop()).toEqualTypeOf<Promise<Deltas<Pod>>>();
  });
});
