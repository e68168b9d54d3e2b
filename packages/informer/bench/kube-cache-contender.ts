// kube-cache's Reflector writing into a Cache, and its SharedIndexInformer with an onAdd handler,
// over createListWatch with HTTP/2 or HTTP/1.1.
import { Cache, metaNamespaceIndexFunc, metaNamespaceKeyFunc } from '@kube-cache/indexer';
import type { KubeObject } from '@kube-cache/indexer';
import * as reflectorModule from '@kube-cache/reflector';
import { createListWatch, Reflector } from '@kube-cache/reflector';
import type { KubeConfigLike, ListWatchOptions, ReflectorStore } from '@kube-cache/reflector';
import { SharedIndexInformer, waitForCacheSync } from '../src/index';
import type { WireContender, WireTarget } from './contender';

/** The `protocol` option of the HTTP/2 transport (issue 9). */
export type WireProtocol = 'http2' | 'http1';

/** The part of the transport (`KubeTransport`, issue 9) the bench uses. */
interface TransportLike {
  close(): Promise<void>;
}
type TransportConstructor = new (options: {
  kubeConfig: KubeConfigLike;
  protocol: WireProtocol;
}) => TransportLike;

/** The transport class when this build of @kube-cache/reflector has one (looked up at run time). */
function transportClass(): TransportConstructor | undefined {
  const exported = (reflectorModule as Record<string, unknown>)['KubeTransport'];
  return typeof exported === 'function' ? (exported as TransportConstructor) : undefined;
}

const pods = { apiVersion: 'v1', plural: 'pods', kind: 'Pod' };

/** A ListWatch on the pods of the target over `protocol`, and what to close afterwards. */
function listWatchFor(
  target: WireTarget,
  protocol: WireProtocol,
): { listWatch: ReturnType<typeof createListWatch<KubeObject>>; transport?: TransportLike } {
  const Transport = transportClass();
  if (Transport === undefined) {
    // Before the transport: createListWatch speaks HTTP/1.1 only (node:https).
    return { listWatch: createListWatch<KubeObject>(target.kubeConfig, pods) };
  }
  // An explicit transport per measurement, closed at stop (no session outlives its run).
  const transport = new Transport({ kubeConfig: target.kubeConfig, protocol });
  const options = { transport, protocol } as unknown as ListWatchOptions;
  return { listWatch: createListWatch<KubeObject>(target.kubeConfig, pods, options), transport };
}

function unavailableOver(protocol: WireProtocol): Promise<string | undefined> {
  return Promise.resolve(
    protocol === 'http2' && transportClass() === undefined
      ? '@kube-cache/reflector has no HTTP/2 transport (KubeTransport) in this build'
      : undefined,
  );
}

const protocolName = (protocol: WireProtocol): string =>
  protocol === 'http2' ? 'HTTP/2' : 'HTTP/1.1';

/** A store that writes into a Cache and counts what arrives as adds. */
class CountingStore implements ReflectorStore<KubeObject> {
  readonly cache = new Cache<KubeObject>(metaNamespaceKeyFunc, {
    namespace: metaNamespaceIndexFunc,
  });
  readonly #onAdd: () => void;

  constructor(onAdd: () => void) {
    this.#onAdd = onAdd;
  }

  add(object: KubeObject): void {
    this.cache.add(object);
    this.#onAdd();
  }

  update(object: KubeObject): void {
    this.cache.update(object);
  }

  delete(object: Parameters<Cache<KubeObject>['delete']>[0]): void {
    this.cache.delete(object);
  }

  replace(list: readonly KubeObject[], resourceVersion: string): void {
    this.cache.replace(list, resourceVersion);
    for (let index = 0; index < list.length; index += 1) this.#onAdd();
  }

  resync(): void {
    this.cache.resync();
  }
}

/**
 * kube-cache's `Reflector` into a `Cache` (with a namespace index, as the informer's).
 *
 * @param protocol - HTTP/2 or HTTP/1.1.
 * @returns the contender.
 */
export function reflectorContender(protocol: WireProtocol): WireContender {
  let controller: AbortController | undefined;
  let running: Promise<void> | undefined;
  let transport: TransportLike | undefined;
  return {
    name: `kube-cache Reflector into a Cache, ${protocolName(protocol)}`,
    scheme: 'https',
    unavailable: () => unavailableOver(protocol),
    async start(target: WireTarget, onAdd: () => void): Promise<void> {
      const source = listWatchFor(target, protocol);
      transport = source.transport;
      const reflector = new Reflector<KubeObject>({
        listerWatcher: source.listWatch,
        store: new CountingStore(onAdd),
        onWatchError: (error) => console.error(error),
      });
      controller = new AbortController();
      running = reflector.run(controller.signal);
      await reflector.waitForSync(controller.signal);
    },
    async stop(): Promise<void> {
      controller?.abort();
      await running;
      await transport?.close();
      controller = undefined;
      running = undefined;
      transport = undefined;
    },
  };
}

/**
 * kube-cache's `SharedIndexInformer` (default RealFIFO queue) with one counting `onAdd` handler.
 *
 * @param protocol - HTTP/2 or HTTP/1.1.
 * @returns the contender.
 */
export function informerContender(protocol: WireProtocol): WireContender {
  let controller: AbortController | undefined;
  let running: Promise<void> | undefined;
  let transport: TransportLike | undefined;
  return {
    name: `kube-cache SharedIndexInformer, ${protocolName(protocol)}`,
    scheme: 'https',
    unavailable: () => unavailableOver(protocol),
    async start(target: WireTarget, onAdd: () => void): Promise<void> {
      const source = listWatchFor(target, protocol);
      transport = source.transport;
      const informer = new SharedIndexInformer<KubeObject>({
        listerWatcher: source.listWatch,
        onError: (error) => console.error(error),
      });
      informer.addEventHandler({ onAdd });
      controller = new AbortController();
      running = informer.run(controller.signal);
      await waitForCacheSync(controller.signal, informer);
    },
    async stop(): Promise<void> {
      controller?.abort();
      await running;
      await transport?.close();
      controller = undefined;
      running = undefined;
      transport = undefined;
    },
  };
}
