import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestOptions } from 'node:https';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiStatusError } from '@kube-cache/indexer';
import { KubeLeaseClient, type KubeConfigLike } from './kube-lease-client';
import { InvalidLeaderElectionOptionsError } from '../errors/invalid-leader-election-options-error';
import type { Lease } from './lease';
import { LeaseResponseError } from '../errors/lease-response-error';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

type Answer = (request: Seen) => { status: number; body: string };

let server: Server;
let base: string;
let seen: Seen[];
let answer: Answer;
const hanging: ServerResponse[] = [];

function kubeConfig(server: string): KubeConfigLike {
  return {
    getCurrentCluster: () => ({ server }),
    applyToHTTPSOptions: (options: RequestOptions) => {
      options.headers = { ...options.headers, Authorization: 'Bearer secret-token' };
      return Promise.resolve();
    },
  };
}

const lease: Lease = {
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name: 'bar', namespace: 'foo', resourceVersion: '7' },
  spec: { holderIdentity: 'baz', renewTime: '2026-12-02T00:04:05.123000Z' },
};

const never = new AbortController().signal;

describe('KubeLeaseClient', () => {
  beforeEach(async () => {
    seen = [];
    answer = () => ({ status: 200, body: JSON.stringify(lease) });
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const entry: Seen = {
          method: request.method ?? '',
          url: request.url ?? '',
          authorization: request.headers.authorization,
          contentType: request.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
        };
        seen.push(entry);
        if (entry.url.includes('hang')) {
          hanging.push(response);
          return;
        }
        const { status, body } = answer(entry);
        response.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    for (const response of hanging.splice(0)) response.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('should GET, POST and PUT the Lease paths with the credentials and a JSON body', async () => {
    const client = new KubeLeaseClient(kubeConfig(`${base}/prefix/`));
    expect(await client.get({ namespace: 'foo', name: 'bar' }, never)).toEqual(lease);
    await client.create(lease, never);
    await client.update(lease, never);
    expect(seen.map(({ method, url }) => `${method} ${url}`)).toEqual([
      'GET /prefix/apis/coordination.k8s.io/v1/namespaces/foo/leases/bar',
      'POST /prefix/apis/coordination.k8s.io/v1/namespaces/foo/leases',
      'PUT /prefix/apis/coordination.k8s.io/v1/namespaces/foo/leases/bar',
    ]);
    expect(seen.every((entry) => entry.authorization === 'Bearer secret-token')).toBe(true);
    expect(seen[2]?.contentType).toBe('application/json');
    expect(JSON.parse(seen[2]?.body ?? '')).toEqual(lease);
    // The time goes out exactly as given: six fractional digits.
    expect(seen[2]?.body).toContain('"renewTime":"2026-12-02T00:04:05.123000Z"');
  });

  it('should answer undefined for a missing Lease', async () => {
    answer = () => ({
      status: 404,
      body: JSON.stringify({ kind: 'Status', code: 404, reason: 'NotFound', message: 'not found' }),
    });
    const client = new KubeLeaseClient(kubeConfig(base));
    expect(await client.get({ namespace: 'foo', name: 'bar' }, never)).toBeUndefined();
  });

  it('should throw an ApiStatusError with code 409 for a conflict, without the token', async () => {
    answer = () => ({
      status: 409,
      body: JSON.stringify({ kind: 'Status', code: 409, reason: 'Conflict', message: 'conflict' }),
    });
    const client = new KubeLeaseClient(kubeConfig(base));
    const error: unknown = await client.update(lease, never).catch((caught: unknown) => caught);
    expect(ApiStatusError.isInstance(error) && error.code === 409 && error.reason).toBe('Conflict');
    expect(String((error as Error).message)).not.toContain('secret-token');
  });

  it('should throw an ApiStatusError for a non-JSON error body', async () => {
    answer = () => ({ status: 503, body: 'upstream unavailable' });
    const client = new KubeLeaseClient(kubeConfig(base));
    await expect(client.get({ namespace: 'foo', name: 'bar' }, never)).rejects.toThrow(
      'the API server answered 503: upstream unavailable',
    );
  });

  it('should throw a LeaseResponseError for a 2xx body that is not a Lease', async () => {
    answer = () => ({ status: 200, body: '{"kind":"Status"}' });
    const client = new KubeLeaseClient(kubeConfig(base));
    const error: unknown = await client
      .get({ namespace: 'foo', name: 'bar' }, never)
      .catch((caught: unknown) => caught);
    expect(LeaseResponseError.isInstance(error)).toBe(true);
  });

  it('should abort a request that hangs when the signal aborts', async () => {
    const client = new KubeLeaseClient(kubeConfig(base));
    const controller = new AbortController();
    const pending = client.get({ namespace: 'foo', name: 'hang' }, controller.signal);
    await expect.poll(() => seen.length).toBe(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('should refuse a KubeConfig without a current cluster', () => {
    expect(
      () =>
        new KubeLeaseClient({
          getCurrentCluster: () => null,
          applyToHTTPSOptions: () => Promise.resolve(),
        }),
    ).toThrow(InvalidLeaderElectionOptionsError);
  });
});
