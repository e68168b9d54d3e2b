import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { startKubeCluster, type KubeCluster } from './kube-cluster';
import { apiRequest } from './api-request';

// The harness itself, and the two behaviours of kube-apiserver 1.20 that the reflector must
// survive (issue 4, section 4), pinned down with plain HTTP so that a change of server version
// that alters them shows up here first.

interface WatchLine {
  type: string;
  object: {
    code?: number;
    reason?: string;
    metadata?: { name?: string; resourceVersion?: string };
  };
}

function parseWatchLines(text: string): WatchLine[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as WatchLine);
}

function resourceVersionOf(text: string): string {
  const body = JSON.parse(text) as { metadata?: { resourceVersion?: string } };
  const resourceVersion = body.metadata?.resourceVersion;
  if (resourceVersion === undefined) throw new Error(`no resourceVersion in ${text}`);
  return resourceVersion;
}

describe('startKubeCluster', () => {
  let cluster: KubeCluster;
  const namespace = 'harness';

  beforeAll(async () => {
    cluster = await startKubeCluster();
    const created = await cluster.request('POST', '/api/v1/namespaces', {
      metadata: { name: namespace },
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('should let the admin token do everything and refuse the unprivileged token', async () => {
    const created = await cluster.request('POST', `/api/v1/namespaces/${namespace}/configmaps`, {
      metadata: { name: 'admin-made' },
      data: { a: '1' },
    });
    expect(created.status).toBe(201);
    const refused = await apiRequest(
      {
        server: cluster.server,
        token: cluster.unprivilegedToken,
        certificateAuthorityPem: cluster.certificateAuthorityPem,
      },
      'GET',
      `/api/v1/namespaces/${namespace}/configmaps`,
    );
    expect(refused.status).toBe(403);
  });

  it('should keep the URL and the data across an apiserver restart', async () => {
    await cluster.request('POST', `/api/v1/namespaces/${namespace}/configmaps`, {
      metadata: { name: 'survivor' },
    });
    await cluster.restartApiserver();
    const read = await cluster.request(
      'GET',
      `/api/v1/namespaces/${namespace}/configmaps/survivor`,
    );
    expect(read.status).toBe(200);
  });

  it('should serve an old watch from the watch cache after compaction, and 410 only after a restart', async () => {
    const first = await cluster.request('POST', `/api/v1/namespaces/${namespace}/configmaps`, {
      metadata: { name: 'compacted' },
      data: { step: '0' },
    });
    const oldResourceVersion = resourceVersionOf(first.text);
    for (let step = 1; step <= 3; step += 1) {
      const updated = await cluster.request(
        'PATCH',
        `/api/v1/namespaces/${namespace}/configmaps/compacted`,
        {
          data: { step: String(step) },
        },
      );
      expect(updated.status).toBe(200);
    }
    await cluster.compactEtcd();
    const watchPath = `/api/v1/namespaces/${namespace}/configmaps?watch=1&resourceVersion=${oldResourceVersion}&timeoutSeconds=2`;

    const fromCache = parseWatchLines((await cluster.request('GET', watchPath)).text);
    expect(fromCache.map((line) => line.type)).toEqual(['MODIFIED', 'MODIFIED', 'MODIFIED']);

    await cluster.restartApiserver();
    const afterRestart = parseWatchLines((await cluster.request('GET', watchPath)).text);
    expect(afterRestart[0]?.type).toBe('ERROR');
    expect(afterRestart[0]?.object.code).toBe(410);
  });

  it('should answer a list from a resourceVersion the watch cache has not seen with 504 ResourceVersionTooLarge', async () => {
    const current = await cluster.request(
      'GET',
      `/api/v1/namespaces/${namespace}/configmaps?limit=1`,
    );
    const tooLarge = String(Number(resourceVersionOf(current.text)) + 1_000_000);
    const answer = await cluster.request(
      'GET',
      `/api/v1/namespaces/${namespace}/configmaps?resourceVersion=${tooLarge}&resourceVersionMatch=NotOlderThan`,
    );
    expect(answer.status).toBe(504);
    const status = JSON.parse(answer.text) as { details?: { causes?: { reason?: string }[] } };
    expect(status.details?.causes?.map((cause) => cause.reason)).toContain(
      'ResourceVersionTooLarge',
    );
  });
});
