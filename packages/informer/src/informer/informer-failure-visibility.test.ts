import type { KubeObject, ListerWatcher, ListResult, WatchStream } from '@kube-cache/indexer';
import { InvalidListWatchConfigError, SyncTimeoutError } from '@kube-cache/reflector';
import { FakeApiServer } from '@kube-cache/testing';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InformerFactory } from '../factory/informer-factory';
import { SharedIndexInformer } from './shared-index-informer';
import type { SharedIndexInformerOptions } from './shared-index-informer-options';
import { waitForCacheSync } from './wait-for-cache-sync';

function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), {
    code: 'ECONNREFUSED',
  });
}

/** Lists fail with what `failure` gives; a watch stays open until the informer stops. */
function failingListerWatcher(failure: () => Error): ListerWatcher<KubeObject> {
  return {
    list: (): Promise<ListResult<KubeObject>> => Promise.reject(failure()),
    watch: (_options, signal): Promise<WatchStream<KubeObject>> =>
      Promise.resolve({
        async *[Symbol.asyncIterator]() {
          await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        },
      }),
  };
}

/** What a promise settled with (its value or its rejection). */
function outcomeOf(value: unknown): unknown {
  return value;
}

let controller: AbortController;
let running: Promise<void> | undefined;
let warnings: unknown[];

function start(options: SharedIndexInformerOptions<KubeObject>): SharedIndexInformer<KubeObject> {
  const informer = new SharedIndexInformer<KubeObject>({ name: 'pods', ...options });
  running = informer.run(controller.signal);
  return informer;
}

beforeEach(() => {
  controller = new AbortController();
  warnings = [];
  vi.spyOn(process, 'emitWarning').mockImplementation((message: unknown) => {
    warnings.push(message);
  });
});

afterEach(async () => {
  controller.abort();
  if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(0);
  await running?.catch(() => undefined);
  running = undefined;
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('SharedIndexInformer failures without a handler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('should warn once per distinct list/watch failure per minute', async () => {
    start({ listerWatcher: failingListerWatcher(refused) });
    await vi.advanceTimersByTimeAsync(50_000);

    expect(warnings).toEqual([
      'informer "pods": Error (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:6443',
    ]);
  });

  it('should not warn when onWatchError or onReflectorEvent is given', async () => {
    const onWatchError = vi.fn();
    const onReflectorEvent = vi.fn();
    start({ listerWatcher: failingListerWatcher(refused), onWatchError });
    const second = new SharedIndexInformer<KubeObject>({
      listerWatcher: failingListerWatcher(refused),
      onReflectorEvent,
    });
    const secondRun = second.run(controller.signal);
    await vi.advanceTimersByTimeAsync(10_000);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    await secondRun;

    expect(onWatchError).toHaveBeenCalled();
    expect(onReflectorEvent).toHaveBeenCalledWith(expect.objectContaining({ type: 'error' }));
    expect(warnings).toEqual([]);
  });

  it('should reject waitForCacheSync with a SyncTimeoutError naming the last error', async () => {
    const informer = start({
      listerWatcher: failingListerWatcher(refused),
      onWatchError: () => {},
    });
    const waiting = waitForCacheSync({ timeoutMilliseconds: 5000 }, informer).then(
      outcomeOf,
      outcomeOf,
    );
    await vi.advanceTimersByTimeAsync(5000);
    const error = await waiting;

    expect(SyncTimeoutError.isInstance(error)).toBe(true);
    expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
    expect((error as Error).message).toMatch(
      /^"pods" did not sync within 5000 ms; last error: Error \(ECONNREFUSED\)/u,
    );
    expect(informer.lastError()).toBe((error as Error).cause);
  });

  it('should keep the signal form: false once the signal aborts', async () => {
    const informer = start({
      listerWatcher: failingListerWatcher(refused),
      onWatchError: () => {},
    });
    const waiting = waitForCacheSync(controller.signal, informer);
    await vi.advanceTimersByTimeAsync(1000);
    controller.abort();

    await expect(waiting).resolves.toBe(false);
  });

  it('should stop run() and waitForCacheSync with an InvalidListWatchConfigError', async () => {
    const invalid = new InvalidListWatchConfigError('the KubeConfig has no current cluster');
    const informer = start({ listerWatcher: failingListerWatcher(() => invalid) });
    const waiting = waitForCacheSync(controller.signal, informer).then(outcomeOf, outcomeOf);
    const runEnd = running?.then(outcomeOf, outcomeOf);
    await vi.advanceTimersByTimeAsync(200);

    expect(await runEnd).toBe(invalid);
    expect(await waiting).toBe(invalid);
    expect(informer.isStopped()).toBe(true);
    expect(warnings).toEqual([
      'informer "pods": InvalidListWatchConfigError: the KubeConfig has no current cluster',
    ]);
  });
});

describe('SharedIndexInformer handler errors without onError', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('should warn with the EventHandlerError once a minute per handler and callback', async () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((name) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', resourceVersion: '1' },
    }));
    const listerWatcher: ListerWatcher<KubeObject> = {
      ...failingListerWatcher(refused),
      list: () => Promise.resolve({ items, resourceVersion: '1' }),
    };
    const informer = new SharedIndexInformer<KubeObject>({ listerWatcher, name: 'pods' });
    informer.addEventHandler(
      {
        onAdd: () => {
          throw new Error('boom');
        },
      },
      { name: 'thrower' },
    );
    informer.addEventHandler(
      {
        onAdd: () => {
          throw new Error('bang');
        },
      },
      { name: 'other' },
    );
    running = informer.run(controller.signal);
    await vi.advanceTimersByTimeAsync(1000);

    expect(warnings).toHaveLength(2);
    expect(warnings.map((warning) => (warning as { handlerName?: unknown }).handlerName)).toEqual(
      expect.arrayContaining(['thrower', 'other']),
    );
  });
});

describe('InformerFactory over real HTTP on 127.0.0.1', () => {
  let server: FakeApiServer;

  beforeEach(async () => {
    server = await FakeApiServer.start();
  });

  afterEach(async () => {
    await server.close();
  });

  function plainHttpKubeConfig(skipTLSVerify: boolean): KubeConfig {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [{ name: 'fake', server: server.url, skipTLSVerify }],
      users: [{ name: 'fake' }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'fake' }],
      currentContext: 'fake',
    });
    return kubeConfig;
  }

  it('should fail at once for an http:// server not marked insecure-skip-tls-verify', async () => {
    const factory = new InformerFactory({ kubeConfig: plainHttpKubeConfig(false) });
    factory.informerFor({ apiVersion: 'v1', plural: 'configmaps' });
    factory.start(controller.signal);
    const error = await factory
      .waitForCacheSync({ signal: controller.signal, timeoutMilliseconds: 60_000 })
      .then(outcomeOf, outcomeOf);

    expect(InvalidListWatchConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/insecure-skip-tls-verify/u);
    await expect(factory.stopped()).rejects.toSatisfy(InvalidListWatchConfigError.isInstance);
    expect(warnings).toHaveLength(1);
  });

  it('should reject waitForCacheSync with a SyncTimeoutError for a refused connection', async () => {
    const kubeConfig = plainHttpKubeConfig(true);
    await server.close();
    const factory = new InformerFactory({ kubeConfig });
    factory.informerFor({ apiVersion: 'v1', plural: 'configmaps' });
    factory.start(controller.signal);
    const error = await factory
      .waitForCacheSync({ timeoutMilliseconds: 300 })
      .then(outcomeOf, outcomeOf);
    controller.abort();
    await factory.stopped();
    server = await FakeApiServer.start();

    expect(SyncTimeoutError.isInstance(error)).toBe(true);
    expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
    expect((error as Error).message).toContain('"v1/configmaps" did not sync within 300 ms');
    expect(warnings).toEqual([
      expect.stringMatching(/^informer "v1\/configmaps": .*ECONNREFUSED/u),
    ]);
  });
});
