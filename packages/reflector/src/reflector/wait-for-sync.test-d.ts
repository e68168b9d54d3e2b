import { describe, expectTypeOf, it } from 'vitest';
import type { Reflector } from './reflector';
import type { WaitForSyncOptions } from './reflector-types';

describe('Reflector.waitForSync types', () => {
  it('should take nothing, a signal, or { signal, timeoutMilliseconds }', () => {
    type Parameter = Parameters<Reflector<unknown>['waitForSync']>[0];
    expectTypeOf<undefined>().toExtend<Parameter>();
    expectTypeOf<AbortSignal>().toExtend<Parameter>();
    expectTypeOf<{ timeoutMilliseconds: number }>().toExtend<Parameter>();
    expectTypeOf<{ signal: AbortSignal; timeoutMilliseconds: number }>().toExtend<Parameter>();
    expectTypeOf<{ timeout: number }>().not.toExtend<WaitForSyncOptions>();
    expectTypeOf<ReturnType<Reflector<unknown>['waitForSync']>>().toEqualTypeOf<Promise<void>>();
  });
});
