import { describe, expectTypeOf, it } from 'vitest';
import type { InformerFactory } from '../factory/informer-factory';
import type { SharedIndexInformer } from './shared-index-informer';
import type { Syncable, waitForCacheSync } from './wait-for-cache-sync';

describe('waitForCacheSync types', () => {
  it('should take a signal or { signal, timeoutMilliseconds } before the syncables', () => {
    type First = Parameters<typeof waitForCacheSync>[0];
    expectTypeOf<AbortSignal>().toExtend<First>();
    expectTypeOf<{ timeoutMilliseconds: number }>().toExtend<First>();
    expectTypeOf<{ signal: AbortSignal; timeoutMilliseconds: number }>().toExtend<First>();
    expectTypeOf<SharedIndexInformer<{ kind: string }>>().toExtend<Syncable>();
    type FactoryFirst = Parameters<InformerFactory['waitForCacheSync']>[0];
    expectTypeOf<{ timeoutMilliseconds: number }>().toExtend<FactoryFirst>();
    expectTypeOf<AbortSignal>().toExtend<FactoryFirst>();
  });
});
