import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '@kube-cache/indexer';
import type { FailureMatch } from '../cluster/fault-plan';
import { ObjectStore } from '../cluster/object-store';
import { ensureNamespace, seedObjects } from '../cluster/seed-objects';
import {
  createObject,
  deleteObject,
  listObjects,
  readObject,
  updateObject,
} from './direct-objects';
import type { FakeApiServerOptions } from './fake-api-server-options';
import { plannedFailureStatus } from './fault-injector';
import type { FailureStatus } from './fault-injector';
import { createKubeConfig, writeKubeconfigFile } from './kube-config';
import type { ServerAccess } from './kube-config';
import { LoopbackListener } from './loopback-listener';
import { RequestPipeline } from './request-pipeline';
import type { RecordedRequest } from './request-pipeline';
import { generateSelfSignedCertificate } from './self-signed-certificate';
import type { CertificateAndKey } from './self-signed-certificate';
import type { FakeApiServerConnection } from './served-connections';
import { serverSettings } from './server-settings';
import type { WatchConnection } from './watch-connection';

const defaultNamespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * A fake Kubernetes API server over real HTTP(S) on loopback, faithful to the list/watch
 * protocol: consistent paginated lists at any retained resourceVersion, watches from any
 * retained resourceVersion with bookmarks and streaming lists, 410 Expired after compaction,
 * writes with conflicts, and fault injection. `@kubernetes/client-node` and kubectl work
 * against it unchanged.
 *
 * @example
 * ```ts
 * const server = await FakeApiServer.start();
 * await server.seed(generatePods({ count: 1000 }));
 * const core = server.kubeConfig().makeApiClient(CoreV1Api);
 * const page = await core.listPodForAllNamespaces({ limit: 500 });
 * console.log(page.items.length, page.metadata?.remainingItemCount); // 500 500
 * await server.close();
 * ```
 * @since 0.1.0
 */
export class FakeApiServer {
  readonly #objects: ObjectStore;
  readonly #watches = new Set<WatchConnection>();
  readonly #access:
    { certificate: string; privateKey: string; token: string | undefined } | undefined;
  readonly #token: string | undefined;
  readonly #host: string;
  readonly #pipeline: RequestPipeline;
  #watchRequests = 0;
  readonly #listener: LoopbackListener;

  private constructor(options: FakeApiServerOptions, certificate: CertificateAndKey | undefined) {
    const settings = serverSettings(options);
    this.#objects = new ObjectStore(settings.definitions, settings.historyLimit);
    this.#host = settings.host;
    this.#token = settings.token;
    this.#access = certificate === undefined ? undefined : { ...certificate, token: this.#token };
    for (const namespace of defaultNamespaces) ensureNamespace(this.#objects, namespace);
    this.#pipeline = new RequestPipeline({
      token: this.#token,
      latencyMilliseconds: settings.latencyMilliseconds,
      context: {
        objects: this.#objects,
        definitions: settings.definitions,
        serverAddress: () => `${this.#host}:${this.#listener.port}`,
        bookmarkIntervalMilliseconds: settings.bookmarkIntervalMilliseconds,
        watches: this.#watches,
        watchOpened: () => {
          this.#watchRequests += 1;
        },
      },
    });
    this.#listener = new LoopbackListener({
      host: this.#host,
      port: settings.port,
      tls: this.#access,
      protocols: settings.protocols,
      maxConcurrentStreams: settings.maxConcurrentStreams,
      handler: (request, response) => void this.#pipeline.handle(request, response),
    });
  }

  /**
   * Starts a server and waits until it listens.
   *
   * @param options - host, port, HTTPS, resources, bookmark interval, history limit, latency.
   * @returns the running server.
   * @throws FakeApiServerOptionsError for a host other than loopback without a token, or
   *   protocols the server cannot serve.
   * @throws Error when the port cannot be bound.
   */
  static async start(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
    const certificate = options.https === true ? await generateSelfSignedCertificate() : undefined;
    const server = new FakeApiServer(options, certificate);
    await server.#listener.listen();
    return server;
  }

  /** The base URL, for example `http://127.0.0.1:43123`. */
  get url(): string {
    return `${this.#access === undefined ? 'http' : 'https'}://${this.#host}:${this.#listener.port}`;
  }

  /** The current resourceVersion: one counter across all resources, like etcd's revision. */
  get resourceVersion(): string {
    return String(this.#objects.resourceVersion);
  }

  /** The recorded requests, oldest first (the last 10,000). */
  get requests(): ReadonlyArray<RecordedRequest> {
    return this.#pipeline.requests;
  }

  /** How many watch streams are open now. */
  get openWatches(): number {
    return this.#watches.size;
  }

  /**
   * How many watch requests the server has answered with a stream since it started (open or
   * ended, including a watch that got only a `410` ERROR event).
   *
   * @since 0.2.0
   */
  get watchRequests(): number {
    return this.#watchRequests;
  }

  /**
   * The open client connections: protocol, whether stalled, open streams and requests carried.
   * A test can assert, say, that 50 informers share one HTTP/2 connection.
   *
   * @returns a snapshot, oldest connection first (TLS connections once their handshake is done).
   * @since 0.2.0
   */
  connections(): FakeApiServerConnection[] {
    return this.#listener.connections();
  }

  /**
   * Stalls every connection open now, as a dropped NAT or load-balancer flow does: nothing more
   * passes in either direction, no FIN is sent, HTTP/2 PINGs go unanswered, and watches on them
   * receive nothing more. Connections opened later work normally. A stalled connection closes
   * when its client closes it, or at `close()` / `restart()`.
   *
   * @returns how many connections were stalled.
   * @since 0.2.0
   */
  stallConnections(): number {
    return this.#listener.stallConnections();
  }

  /** The bearer token the server requires, if any. */
  get token(): string | undefined {
    return this.#token;
  }

  /** The PEM CA certificate clients must trust in HTTPS mode. */
  get certificateAuthority(): string | undefined {
    return this.#access?.certificate;
  }

  /** Ends every watch and stops listening. */
  async close(): Promise<void> {
    this.closeWatches();
    await this.#listener.stop();
  }

  /**
   * A `@kubernetes/client-node` KubeConfig for this server (the optional peer dependency must be
   * installed).
   *
   * @returns the KubeConfig.
   * @throws Error when `@kubernetes/client-node` is not installed.
   */
  kubeConfig(): KubeConfig {
    return createKubeConfig(this.#serverAccess());
  }

  /**
   * Writes a kubeconfig file for kubectl.
   *
   * @param path - where to write it.
   */
  async writeKubeconfig(path: string): Promise<void> {
    await writeKubeconfigFile(path, this.#serverAccess());
  }

  /**
   * Inserts many objects fast, creating their namespaces; an existing object is replaced.
   * Each object gets its own resourceVersion and an ADDED (or MODIFIED) event.
   *
   * @param objects - objects with apiVersion, kind and metadata.name.
   * @throws ApiStatusError for an unknown kind or an invalid object.
   */
  seed(objects: readonly KubeObject[]): Promise<void> {
    seedObjects(this.#objects, objects);
    return Promise.resolve();
  }

  /**
   * Creates an object directly (no HTTP), with the same rules as a POST.
   *
   * @param object - the object, with apiVersion and kind.
   * @returns the stored object (a copy).
   * @throws ApiStatusError 404 (unknown kind or missing namespace), 409, 422.
   */
  create<T extends KubeObject>(object: T): T {
    return createObject(this.#objects, object);
  }

  /**
   * Replaces an object directly, with the same rules as a PUT (a stale resourceVersion is a 409).
   *
   * @param object - the new state.
   * @returns the stored object (a copy).
   * @throws ApiStatusError 404, 409, 422.
   */
  update<T extends KubeObject>(object: T): T {
    return updateObject(this.#objects, object);
  }

  /**
   * Deletes an object directly.
   *
   * @param apiVersion - for example `v1`.
   * @param kind - for example `Pod`.
   * @param namespace - the namespace, undefined for cluster-scoped.
   * @param name - the name.
   * @returns the deleted object, or undefined when it did not exist.
   */
  delete(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    return deleteObject(this.#objects, { apiVersion, kind, namespace, name });
  }

  /**
   * Reads one object directly.
   *
   * @param apiVersion - for example `v1`.
   * @param kind - for example `Pod`.
   * @param namespace - the namespace, undefined for cluster-scoped.
   * @param name - the name.
   * @returns a copy of the object, or undefined.
   */
  get(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    return readObject(this.#objects, { apiVersion, kind, namespace, name });
  }

  /**
   * Lists the current objects of a kind directly, in key order.
   *
   * @param apiVersion - for example `v1`.
   * @param kind - for example `Pod`.
   * @param namespace - only this namespace, when given.
   * @returns copies of the objects.
   */
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[] {
    return listObjects(this.#objects, apiVersion, kind, namespace);
  }

  /** Ends every open watch cleanly (clients see the stream end). */
  closeWatches(): void {
    for (const watch of [...this.#watches]) watch.close();
  }

  /** Forgets the history up to the current resourceVersion: older RVs and continue tokens get 410. */
  compact(): void {
    this.#objects.compact();
  }

  /**
   * Makes the next matching requests fail with a Status.
   *
   * @param match - method, path (string or RegExp) and count (default 1).
   * @param status - code, and optionally reason and message.
   */
  failNext(match: FailureMatch, status: FailureStatus): void {
    this.#pipeline.planFailure(match, plannedFailureStatus(status));
  }

  /**
   * Sets the delay before every request is handled.
   *
   * @param milliseconds - the delay.
   */
  setLatency(milliseconds: number): void {
    this.#pipeline.setLatency(milliseconds);
  }

  /** Writes a line that is not JSON on every open watch. */
  sendMalformedLine(): void {
    for (const watch of this.#watches) watch.sendMalformedLine();
  }

  /** Drops every connection and listens again on the same port, with the same data. */
  async restart(): Promise<void> {
    for (const watch of [...this.#watches]) watch.destroy();
    await this.#listener.stop();
    await this.#listener.listen();
  }

  #serverAccess(): ServerAccess {
    return { url: this.url, certificateAuthority: this.#access?.certificate, token: this.#token };
  }
}
