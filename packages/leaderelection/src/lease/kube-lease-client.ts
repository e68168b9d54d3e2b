import * as http from 'node:http';
import * as https from 'node:https';
import { ApiStatusError } from '@kube-cache/indexer';
import { InvalidLeaderElectionOptionsError } from '../errors/invalid-leader-election-options-error';
import type { Lease, LeaseReference } from './lease';
import type { LeaseClient } from './lease-client';
import { LeaseResponseError } from '../errors/lease-response-error';

/**
 * The part of `@kubernetes/client-node`'s `KubeConfig` (1.x and 2.x) that the Lease client uses:
 * the current cluster's server URL and `applyToHTTPSOptions`, which fills in credentials, TLS
 * settings and the agent for a `node:https` request.
 *
 * @since 0.2.0
 */
export interface KubeConfigLike {
  /** The current context's cluster; only `server` is read. */
  getCurrentCluster(): { server: string } | null;
  /** Adds credentials, TLS options and an agent (proxy-aware) to a request's options. */
  applyToHTTPSOptions(options: https.RequestOptions): Promise<void>;
}

const leasesPath = '/apis/coordination.k8s.io/v1/namespaces';

/**
 * A {@link LeaseClient} that sends small JSON requests through a `KubeConfig`'s credentials. It
 * writes the Lease's times exactly as given (the elector formats them as `MicroTime`, six
 * fractional digits), which `@kubernetes/client-node` 1.4's `CoordinationV1Api` does not do.
 *
 * @example
 * ```ts
 * const leaseClient = new KubeLeaseClient(kubeConfig);
 * const lease = await leaseClient.get({ namespace: 'default', name: 'my-controller' }, signal);
 * ```
 * @since 0.2.0
 */
export class KubeLeaseClient implements LeaseClient {
  readonly #kubeConfig: KubeConfigLike;

  /**
   * @param kubeConfig - credentials, TLS and the server of the current context.
   * @throws {@link InvalidLeaderElectionOptionsError} when the KubeConfig has no current cluster.
   */
  constructor(kubeConfig: KubeConfigLike) {
    const cluster = kubeConfig.getCurrentCluster();
    if (cluster === null || cluster.server === '') {
      throw new InvalidLeaderElectionOptionsError(
        'the KubeConfig has no current cluster with a server URL',
      );
    }
    this.#kubeConfig = kubeConfig;
  }

  /** {@inheritDoc LeaseClient.get} */
  async get(reference: LeaseReference, signal: AbortSignal): Promise<Lease | undefined> {
    try {
      return await this.#send('GET', this.#url(reference.namespace, reference.name), signal);
    } catch (error) {
      if (ApiStatusError.isInstance(error) && error.code === 404) return undefined;
      throw error;
    }
  }

  /** {@inheritDoc LeaseClient.create} */
  create(lease: Lease, signal: AbortSignal): Promise<Lease> {
    const namespace = lease.metadata.namespace ?? '';
    return this.#send('POST', this.#url(namespace), signal, lease);
  }

  /** {@inheritDoc LeaseClient.update} */
  update(lease: Lease, signal: AbortSignal): Promise<Lease> {
    const namespace = lease.metadata.namespace ?? '';
    return this.#send('PUT', this.#url(namespace, lease.metadata.name), signal, lease);
  }

  #url(namespace: string, name?: string): URL {
    const server = this.#kubeConfig.getCurrentCluster()?.server ?? '';
    const url = new URL(server);
    const base = url.pathname.replace(/\/+$/, '');
    const collection = `${base}${leasesPath}/${encodeURIComponent(namespace)}/leases`;
    url.pathname = name === undefined ? collection : `${collection}/${encodeURIComponent(name)}`;
    return url;
  }

  async #send(method: string, url: URL, signal: AbortSignal, body?: Lease): Promise<Lease> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
    const headers: Record<string, string | number> = { Accept: 'application/json' };
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = payload.length;
    }
    const options: https.RequestOptions = { method, headers };
    await this.#kubeConfig.applyToHTTPSOptions(options);
    signal.throwIfAborted();
    const send = url.protocol === 'https:' ? https.request : http.request;
    const { code, text } = await new Promise<{ code: number; text: string }>((resolve, reject) => {
      const request = send(url, { ...options, signal }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('error', reject);
        response.once('end', () =>
          resolve({
            code: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
      request.once('error', reject);
      request.end(payload);
    });
    const parsed = parseJson(text);
    if (code < 200 || code >= 300) {
      if (isObject(parsed)) throw new ApiStatusError(code, { status: parsed });
      const detail = text.trim().slice(0, 200);
      throw new ApiStatusError(code, {
        message: `the API server answered ${code}${detail === '' ? '' : `: ${detail}`}`,
      });
    }
    if (!isObject(parsed) || !isObject(parsed['metadata'])) {
      throw new LeaseResponseError(`the ${method} ${url.pathname} answer is not a Lease`);
    }
    const name = parsed['metadata']['name'];
    if (typeof name !== 'string') {
      throw new LeaseResponseError(`the ${method} ${url.pathname} answer has no metadata.name`);
    }
    return parsed as Lease;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
