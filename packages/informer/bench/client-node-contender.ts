import { CoreV1Api, makeInformer } from '@kubernetes/client-node';
import type { Informer, ObjectCache, V1Pod } from '@kubernetes/client-node';
import type { WireContender, WireTarget } from './contender';

/** `@kubernetes/client-node` 1.4's makeInformer on /api/v1/pods, with one counting `add` callback. */
export function clientNodeContender(): WireContender {
  let informer: (Informer<V1Pod> & ObjectCache<V1Pod>) | undefined;
  let stopping = false;
  return {
    name: '@kubernetes/client-node 1.4 makeInformer',
    scheme: 'https',
    unavailable: () => Promise.resolve(undefined),
    async start(target: WireTarget, onAdd: () => void): Promise<void> {
      const api = target.kubeConfig.makeApiClient(CoreV1Api);
      informer = makeInformer<V1Pod>(target.kubeConfig, '/api/v1/pods', () =>
        api.listPodForAllNamespaces(),
      );
      informer.on('add', onAdd);
      stopping = false;
      // stop() aborts the open watch, which client-node reports as an error: not one to print.
      informer.on('error', (error: unknown) => {
        if (!stopping) console.error(error);
      });
      await informer.start();
    },
    async stop(): Promise<void> {
      stopping = true;
      await informer?.stop();
      informer = undefined;
    },
  };
}
