// End to end: an unchanged @kubernetes/client-node informer follows a churning server through
// every fault the server can inject, and ends with exactly the server's state.
import { CoreV1Api, makeInformer } from '@kubernetes/client-node';
import type { V1Pod } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeApiServer } from './fake-api-server';
import { generatePods } from '../objects/object-generators';

function waitUntil(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (condition()) resolve();
      else setTimeout(check, 10);
    };
    check();
  });
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe('FakeApiServer under faults', () => {
  let server: FakeApiServer | undefined;
  let stopInformer: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await stopInformer?.();
    await server?.close();
    server = undefined;
  });

  it(
    'should keep a client-node informer converging to the server state through churn and faults',
    { timeout: 30_000 },
    async () => {
      server = await FakeApiServer.start({ bookmarkIntervalMilliseconds: 50 });
      const pods = generatePods({ count: 2000, namespaces: 5, seed: 3 });
      await server.seed(pods);
      const kubeConfig = server.kubeConfig();
      const core = kubeConfig.makeApiClient(CoreV1Api);
      const informer = makeInformer<V1Pod>(kubeConfig, '/api/v1/pods', () =>
        core.listPodForAllNamespaces(),
      );
      let stopped = false;
      // client-node 1.x stops on any error other than 410; restarting is the documented remedy.
      informer.on('error', () => {
        if (!stopped) setTimeout(() => void informer.start().catch(() => undefined), 20);
      });
      await informer.start();
      stopInformer = async () => {
        stopped = true;
        await informer.stop();
      };

      const live = pods.map((pod) => ({
        namespace: pod.metadata.namespace,
        name: pod.metadata.name,
      }));
      const faults: (() => Promise<void> | void)[] = [
        () => server?.closeWatches(),
        () => server?.compact(),
        () => server?.failNext({ method: 'GET', path: '/api/v1/pods', count: 2 }, { code: 500 }),
        () => server?.failNext({ method: 'GET', path: '/api/v1/pods' }, { code: 410 }),
        () => server?.sendMalformedLine(),
        () => server?.restart(),
      ];
      for (let step = 0; step < 600; step += 1) {
        const index = (step * 7919) % live.length;
        const target = live[index];
        if (target === undefined) continue;
        if (step % 3 === 0) {
          server.delete('v1', 'Pod', target.namespace, target.name);
          live.splice(index, 1);
        } else if (step % 3 === 1) {
          const name = `churn-${step}`;
          server.create({
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name, namespace: target.namespace, labels: { step: String(step) } },
          });
          live.push({ namespace: target.namespace, name });
        } else {
          const current = server.get('v1', 'Pod', target.namespace, target.name);
          server.update({
            ...current,
            metadata: { ...current?.metadata, labels: { step: String(step) } },
          });
        }
        if (step % 50 === 25) await faults[((step / 50) % faults.length) | 0]?.();
        if (step % 10 === 0) await settle();
      }

      const expected = (): string[] =>
        (server?.list('v1', 'Pod') ?? [])
          .map(
            (pod) =>
              `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}@${pod.metadata?.resourceVersion ?? ''}`,
          )
          .sort();
      const actual = (): string[] =>
        informer
          .list()
          .map(
            (pod) =>
              `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}@${pod.metadata?.resourceVersion ?? ''}`,
          )
          .sort();
      await waitUntil(
        () => actual().length === expected().length && actual().join() === expected().join(),
      );
      expect(actual()).toEqual(expected());
      expect(actual()).toHaveLength(2000);
      // The faults did bite: the informer had to list again and to open many watches.
      const requests = server.requests.filter((request) => request.path === '/api/v1/pods');
      expect(
        requests.filter((request) => request.query['watch'] === undefined).length,
      ).toBeGreaterThan(1);
      expect(
        requests.filter((request) => request.query['watch'] === 'true').length,
      ).toBeGreaterThan(5);
    },
  );
});
