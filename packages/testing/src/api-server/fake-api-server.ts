import { randomBytes, timingSafeEqual } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject, Status } from '@kube-cache/indexer';
import { statusErrors, statusForError } from '../cluster/api-status';
import { FaultPlan } from '../cluster/fault-plan';
import type { FailureMatch } from '../cluster/fault-plan';
import { plannedFailureStatus } from './fault-injector';
import type { FailureStatus } from './fault-injector';
import { createKubeConfig, kubeconfigDocument } from './kube-config';
import type { ServerAccess } from './kube-config';
import { FakeApiServerOptionsError } from '../errors/fake-api-server-options-error';
import { isLoopbackHost } from './loopback-host';
import { LoopbackListener } from './loopback-listener';
import { ObjectStore } from '../cluster/object-store';
import { apiVersionOf, defaultResourceDefinitions } from '../cluster/resource-definition';
import type { ResourceDefinition } from '../cluster/resource-definition';
import { currentRevision } from '../cluster/resource-store';
import type { Revision } from '../cluster/resource-store';
import { objectJson, writeStatus } from './http-messages';
import { handleApiRequest } from './request-handler';
import { generateSelfSignedCertificate } from './self-signed-certificate';
import type { CertificateAndKey } from './self-signed-certificate';
import type { WatchConnection } from './watch-connection';
import type { FakeApiServerConnection, WireProtocol } from './served-connections';
import type { ApiRequest, ApiResponse } from './http-exchange';

/**
 * Options of {@link FakeApiServer.start}.
 *
 * @since 0.1.0
 */
export interface FakeApiServerOptions {
  /**
   * Defaults to `127.0.0.1`. Any address other than loopback requires a `token` (or `https`,
   * which generates one): the fake never serves other machines unauthenticated.
   */
  readonly host?: string | undefined;
  /** Defaults to 0: a random free port. */
  readonly port?: number | undefined;
  /** Serve HTTPS with a self-signed certificate generated at start, and require a bearer token. */
  readonly https?: boolean | undefined;
  /** The bearer token to require; generated when `https` is set and none is given. */
  readonly token?: string | undefined;
  /**
   * Extra resources, served beside pods, configmaps, namespaces, nodes and leases; one with the
   * group, version and kind of a default resource replaces it.
   */
  readonly resources?: readonly ResourceDefinition[] | undefined;
  /** How often watches with `allowWatchBookmarks=true` get a BOOKMARK. Defaults to 60 s. */
  readonly bookmarkIntervalMilliseconds?: number | undefined;
  /**
   * How many changes are kept for watches, exact reads and continue tokens (older ones answer
   * 410 Expired). Defaults to 250,000.
   */
  readonly historyLimit?: number | undefined;
  /** Delay before every request is handled. Defaults to 0. */
  readonly latencyMilliseconds?: number | undefined;
  /**
   * With `https`: the protocols ALPN may choose, in the server's order of preference. Defaults to
   * `['h2', 'http/1.1']`; `['http/1.1']` makes a server without HTTP/2. Plain HTTP is always
   * HTTP/1.1.
   *
   * @since 0.2.0
   */
  readonly protocols?: readonly WireProtocol[] | undefined;
  /**
   * With `https` and `h2`: the `SETTINGS_MAX_CONCURRENT_STREAMS` announced to HTTP/2 clients.
   * Defaults to 250, the generic API server's default.
   *
   * @since 0.2.0
   */
  readonly maxConcurrentStreams?: number | undefined;
}

/**
 * One recorded request.
 *
 * @since 0.1.0
 */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /**
   * The protocol it came over.
   *
   * @since 0.2.0
   */
  readonly protocol: WireProtocol;
}

const maximumRecordedRequests = 10_000;
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
  readonly #definitions: readonly ResourceDefinition[];
  readonly #watches = new Set<WatchConnection>();
  readonly #faults = new FaultPlan<Status>();
  readonly #requests: RecordedRequest[] = [];
  readonly #access:
    { certificate: string; privateKey: string; token: string | undefined } | undefined;
  readonly #token: string | undefined;
  readonly #host: string;
  readonly #bookmarkIntervalMilliseconds: number;
  #latencyMilliseconds: number;
  #watchRequests = 0;
  readonly #listener: LoopbackListener;

  private constructor(options: FakeApiServerOptions, certificate: CertificateAndKey | undefined) {
    const extra = options.resources ?? [];
    // A resource given in options replaces a default one of the same group, version and kind.
    this.#definitions = [
      ...defaultResourceDefinitions.filter(
        (builtIn) =>
          !extra.some(
            (added) => apiVersionOf(added) === apiVersionOf(builtIn) && added.kind === builtIn.kind,
          ),
      ),
      ...extra,
    ];
    this.#objects = new ObjectStore(this.#definitions, options.historyLimit ?? 250_000);
    this.#host = options.host ?? '127.0.0.1';
    this.#bookmarkIntervalMilliseconds = options.bookmarkIntervalMilliseconds ?? 60_000;
    this.#latencyMilliseconds = options.latencyMilliseconds ?? 0;
    this.#token =
      options.token ?? (options.https === true ? randomBytes(24).toString('hex') : undefined);
    if (this.#token === undefined && !isLoopbackHost(this.#host))
      throw new FakeApiServerOptionsError(
        'host',
        `is ${this.#host}, not a loopback address: a server reachable from other machines requires a token (set token or https)`,
      );
    this.#access = certificate === undefined ? undefined : { ...certificate, token: this.#token };
    for (const namespace of defaultNamespaces) this.#objects.ensureNamespace(namespace);
    this.#listener = new LoopbackListener({
      host: this.#host,
      port: options.port ?? 0,
      tls: this.#access,
      protocols: FakeApiServer.#protocols(options),
      maxConcurrentStreams: options.maxConcurrentStreams ?? 250,
      handler: (request, response) => void this.#handle(request, response),
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
    return this.#requests;
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
    await writeFile(
      path,
      `${JSON.stringify(kubeconfigDocument(this.#serverAccess()), null, 2)}\n`,
      { mode: 0o600 },
    );
  }

  /**
   * Inserts many objects fast, creating their namespaces; an existing object is replaced.
   * Each object gets its own resourceVersion and an ADDED (or MODIFIED) event.
   *
   * @param objects - objects with apiVersion, kind and metadata.name.
   * @throws ApiStatusError for an unknown kind or an invalid object.
   */
  seed(objects: readonly KubeObject[]): Promise<void> {
    this.#objects.seed(objects);
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
    const store = this.#objects.storeFor(object.apiVersion ?? '', object.kind ?? '');
    return this.#parse<T>(store.definition, this.#objects.create(store, object));
  }

  /**
   * Replaces an object directly, with the same rules as a PUT (a stale resourceVersion is a 409).
   *
   * @param object - the new state.
   * @returns the stored object (a copy).
   * @throws ApiStatusError 404, 409, 422.
   */
  update<T extends KubeObject>(object: T): T {
    const store = this.#objects.storeFor(object.apiVersion ?? '', object.kind ?? '');
    return this.#parse<T>(store.definition, this.#objects.update(store, object));
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
    const store = this.#objects.storeFor(apiVersion, kind);
    const scope = store.scopeOf(namespace);
    if (currentRevision(store.entry(scope, name)) === undefined) return undefined;
    return this.#parse(store.definition, this.#objects.delete(store, scope, name));
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
    const store = this.#objects.storeFor(apiVersion, kind);
    const revision = currentRevision(store.entry(store.scopeOf(namespace), name));
    return revision === undefined ? undefined : this.#parse(store.definition, revision);
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
    const store = this.#objects.storeFor(apiVersion, kind);
    const objects: KubeObject[] = [];
    for (const entry of store.scope(namespace)) {
      const revision = currentRevision(entry);
      if (revision !== undefined) objects.push(this.#parse(store.definition, revision));
    }
    return objects;
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
    this.#faults.plan(match, plannedFailureStatus(status));
  }

  /**
   * Sets the delay before every request is handled.
   *
   * @param milliseconds - the delay.
   */
  setLatency(milliseconds: number): void {
    this.#latencyMilliseconds = Math.max(0, milliseconds);
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

  static #protocols(options: FakeApiServerOptions): readonly WireProtocol[] {
    const protocols = options.protocols ?? ['h2', 'http/1.1'];
    if (
      protocols.length === 0 ||
      protocols.some((protocol) => protocol !== 'h2' && protocol !== 'http/1.1')
    )
      throw new FakeApiServerOptionsError('protocols', "must list 'h2', 'http/1.1' or both");
    if (options.https !== true && !protocols.includes('http/1.1'))
      throw new FakeApiServerOptionsError(
        'protocols',
        "plain HTTP serves only 'http/1.1'; HTTP/2 needs https",
      );
    return protocols;
  }

  // The real server's bearer authenticator: the scheme in any case, then the token.
  #authenticated(authorization: string | undefined): boolean {
    if (this.#token === undefined) return true;
    const [scheme, presented] = (authorization ?? '').trim().split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || presented === undefined || presented === '')
      return false;
    const expected = Buffer.from(this.#token);
    const given = Buffer.from(presented);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  #serverAccess(): ServerAccess {
    return { url: this.url, certificateAuthority: this.#access?.certificate, token: this.#token };
  }

  #parse<T extends KubeObject>(definition: ResourceDefinition, revision: Revision): T {
    return JSON.parse(objectJson(definition, revision)) as T;
  }

  // Never rejects: whatever goes wrong becomes a Status answer (or a dropped connection once
  // the answer has started), so a bad request cannot take the process down.
  async #handle(request: ApiRequest, response: ApiResponse): Promise<void> {
    try {
      await this.#answer(request, response);
    } catch (error) {
      if (!response.headersSent) writeStatus(response, statusForError(error));
      else response.destroy();
    }
  }

  async #answer(request: ApiRequest, response: ApiResponse): Promise<void> {
    const url = new URL(`http://fake${request.url ?? '/'}`);
    const method = request.method ?? 'GET';
    this.#requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      protocol: request.httpVersionMajor === 2 ? 'h2' : 'http/1.1',
    });
    if (this.#requests.length > maximumRecordedRequests)
      this.#requests.splice(0, this.#requests.length - maximumRecordedRequests);
    if (this.#latencyMilliseconds > 0)
      await new Promise((resolve) => setTimeout(resolve, this.#latencyMilliseconds));
    // As on the real server, authentication comes first: an injected fault answers only a
    // request that would otherwise be served.
    if (!this.#authenticated(request.headers.authorization))
      return writeStatus(response, statusErrors.unauthorized().status ?? {});
    const injected = this.#faults.take(method, url.pathname);
    if (injected !== undefined) return writeStatus(response, injected);
    await handleApiRequest(
      {
        objects: this.#objects,
        definitions: this.#definitions,
        serverAddress: () => `${this.#host}:${this.#listener.port}`,
        bookmarkIntervalMilliseconds: this.#bookmarkIntervalMilliseconds,
        watches: this.#watches,
        watchOpened: () => {
          this.#watchRequests += 1;
        },
      },
      request,
      response,
      url,
    );
  }
}
