// The one slow test: 100,000 pods seeded, listed in pages of 500, and watched through 1,000
// changes. It asserts correctness only (never timings); it takes about 10 s on an idle machine,
// and the timeout is generous because test machines are shared.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeApiServer } from './fake-api-server';
import { openWatchStream, sendRequest } from './http-test-client.test-support';
import { generatePods } from '../objects/object-generators';

interface PodListBody {
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: { metadata: { name: string; namespace: string } }[];
}

describe('FakeApiServer at scale', () => {
  let server: FakeApiServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it(
    'should seed 100,000 pods, list them in pages of 500 and stream 1,000 changes',
    { timeout: 120_000 },
    async () => {
      server = await FakeApiServer.start();
      const pods = generatePods({ count: 100_000, namespaces: 50, nodes: 500 });
      await server.seed(pods);
      const seededResourceVersion = server.resourceVersion;

      const watch = await openWatchStream(
        server.url,
        `/api/v1/pods?watch=true&resourceVersion=${seededResourceVersion}`,
      );
      const keys = new Set<string>();
      let token: string | undefined;
      let pages = 0;
      let listResourceVersion: string | undefined;
      do {
        const query: string = token === undefined ? '' : `&continue=${encodeURIComponent(token)}`;
        const answer = await sendRequest(server.url, 'GET', `/api/v1/pods?limit=500${query}`);
        expect(answer.status).toBe(200);
        const page = answer.body as PodListBody;
        listResourceVersion ??= page.metadata.resourceVersion;
        expect(page.metadata.resourceVersion).toBe(listResourceVersion);
        for (const item of page.items) keys.add(`${item.metadata.namespace}/${item.metadata.name}`);
        pages += 1;
        if (pages === 1) expect(page.metadata.remainingItemCount).toBe(99_500);
        // Changes between pages: the pages still come from the first page's snapshot.
        if (pages <= 1000 / 200) {
          for (let index = 0; index < 200; index += 1) {
            const pod = pods[(pages - 1) * 200 + index];
            if (pod === undefined) continue;
            const change = index % 4;
            if (change === 0) server.delete('v1', 'Pod', pod.metadata.namespace, pod.metadata.name);
            else if (change === 1)
              server.create({
                ...pod,
                metadata: { ...pod.metadata, name: `${pod.metadata.name}-copy` },
              });
            else
              server.update({
                ...pod,
                metadata: {
                  ...pod.metadata,
                  labels: { ...pod.metadata.labels, changed: String(index) },
                },
              });
          }
        }
        token = page.metadata.continue;
      } while (token !== undefined);

      expect(pages).toBe(200);
      expect(keys.size).toBe(100_000);
      expect(listResourceVersion).toBe(seededResourceVersion);

      const events = await watch.waitFor(1000);
      watch.close();
      expect(events).toHaveLength(1000);
      const counts = { ADDED: 0, MODIFIED: 0, DELETED: 0 } as Record<string, number>;
      let previous = Number(seededResourceVersion);
      for (const event of events) {
        counts[event.type] = (counts[event.type] ?? 0) + 1;
        const resourceVersion = Number(event.object.metadata?.resourceVersion);
        expect(resourceVersion).toBe(previous + 1);
        previous = resourceVersion;
      }
      expect(counts).toEqual({ ADDED: 250, MODIFIED: 500, DELETED: 250 });
      // 250 deleted, 250 created: still 100,000 pods (counted by the server, not parsed here).
      const count = await sendRequest(server.url, 'GET', '/api/v1/pods?limit=1');
      expect((count.body as PodListBody).metadata.remainingItemCount).toBe(99_999);
    },
  );
});
