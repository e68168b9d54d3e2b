import { describe, expectTypeOf, it } from 'vitest';
import type { KubeConfig } from '@kubernetes/client-node';
import type {
  KubeConfigLike,
  KubeLeaseClient,
  LeaderElectionOptions,
  LeaderElector,
  LeaseClient,
} from './index';

describe('public API types', () => {
  it('should take client-node 1.x KubeConfig as a KubeConfigLike', () => {
    expectTypeOf<KubeConfig>().toExtend<KubeConfigLike>();
    expectTypeOf<KubeLeaseClient>().toExtend<LeaseClient>();
  });

  it('should require the two lifecycle callbacks and give onStartedLeading a signal', () => {
    expectTypeOf<LeaderElectionOptions['onStartedLeading']>().parameters.toEqualTypeOf<
      [AbortSignal]
    >();
    expectTypeOf<{
      lease: { namespace: string; name: string };
      identity: string;
    }>().not.toExtend<LeaderElectionOptions>();
    expectTypeOf<LeaderElector['run']>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<LeaderElector['getLeader']>().returns.toEqualTypeOf<string>();
  });
});
