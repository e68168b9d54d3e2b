/* eslint-disable vitest/expect-expect -- expectTypeOf and @ts-expect-error are the assertions; vitest typecheck runs them. */
import { describe, expectTypeOf, it } from 'vitest';
import type { KubeObject, ListerWatcher, WatchEvent } from '@kube-cache/indexer';
import { FakeListerWatcher } from './fake-lister-watcher';
import { FakeWatcher } from './fake-watcher';

interface Pod extends KubeObject {
  metadata: { name: string; namespace?: string };
  spec: { nodeName: string };
}

describe('fake types', () => {
  it('should be a ListerWatcher of the object type', () => {
    expectTypeOf(new FakeListerWatcher<Pod>()).toMatchTypeOf<ListerWatcher<Pod>>();
    expectTypeOf(new FakeListerWatcher<Pod>().add).returns.toEqualTypeOf<Pod>();
    expectTypeOf(new FakeWatcher<Pod>()).toMatchTypeOf<AsyncIterable<WatchEvent<Pod>>>();
  });

  it('should refuse objects of another type', () => {
    const source = new FakeListerWatcher<Pod>();
    // @ts-expect-error a Pod needs a spec
    source.add({ metadata: { name: 'a' } });
    // @ts-expect-error 'get' is not a fault-injection method
    source.failNext('get', { status: 500 });
  });
});
