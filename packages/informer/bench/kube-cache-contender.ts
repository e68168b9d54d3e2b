import type { KubeObject } from '@kube-cache/indexer';
import { createListWatch } from '@kube-cache/reflector';
import type { KubeConfig } from '@kubernetes/client-node';
import { SharedIndexInformer, waitForCacheSync } from '../src/index';
import type { InformerQueueKind } from '../src/index';
import type { Contender } from './contender';

/** Our SharedIndexInformer over createListWatch, with one counting handler. */
export function kubeCacheContender(queue: InformerQueueKind): Contender {
  let informer: SharedIndexInformer<KubeObject> | undefined;
  let controller: AbortController | undefined;
  let done: Promise<void> | undefined;
  return {
    name: `kube-cache SharedIndexInformer (${queue === 'real' ? 'RealFIFO' : 'DeltaFIFO'})`,
    async start(kubeConfig: KubeConfig, onAdd: () => void): Promise<void> {
      informer = new SharedIndexInformer<KubeObject>({
        listerWatcher: createListWatch(kubeConfig, {
          apiVersion: 'v1',
          plural: 'pods',
          kind: 'Pod',
        }),
        queue,
        onError: (error) => console.error(error),
      });
      informer.addEventHandler({ onAdd });
      controller = new AbortController();
      done = informer.run(controller.signal);
      await waitForCacheSync(controller.signal, informer);
    },
    async stop(): Promise<void> {
      controller?.abort();
      await done;
      informer = undefined;
      controller = undefined;
      done = undefined;
    },
  };
}
