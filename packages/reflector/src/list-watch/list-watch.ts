import type {
  KubeObject,
  ListerWatcher,
  ListOptions,
  ListResult,
  WatchEvent,
  WatchStream,
} from '@kube-cache/indexer';
import { InvalidListWatchConfigError } from '../errors/invalid-list-watch-config-error';
import { defaultMaxListBytes, readJsonBody } from './json-body';
import { byteLimit, decodeNewlineJson, defaultMaxWatchLineBytes } from './newline-json';
import { asConfigError, checkedServer } from './list-watch-config';
import { isRecord } from '../watch/object-meta';
import { resourceUrl } from './resource-url';
import type { ResourceDescriptor } from './resource-url';
import { ResponseDecodeError } from '../errors/response-decode-error';
import type { KubeConfigLike } from '../transport/kube-config-like';
import { KubeTransport } from '../transport/kube-transport';
import type {
  TransportProtocol,
  TransportProtocolPreference,
  TransportResponse,
} from '../transport/transport-types';
import { WatchDecodeError } from '../errors/watch-decode-error';

/**
 * Options of {@link createListWatch}: selectors sent with every list and every watch, the
 * transport and protocol, and the size limits of what the server sends.
 *
 * @since 0.1.0
 */
export interface ListWatchOptions {
  /** A label selector, for example `app=web,tier!=cache`. */
  labelSelector?: string | undefined;
  /** A field selector, for example `status.phase=Running`. */
  fieldSelector?: string | undefined;
  /**
   * The transport to send requests with; default `KubeTransport.forKubeConfig(kubeConfig)`,
   * shared by every ListWatch of the same KubeConfig object (one HTTP/2 connection per cluster).
   *
   * @since 0.2.0
   */
  transport?: KubeTransport | undefined;
  /**
   * Forces a protocol for this ListWatch's requests; default: the transport's (`auto`).
   *
   * @since 0.2.0
   */
  protocol?: TransportProtocolPreference | undefined;
  /**
   * The longest watch line (one event) in bytes; default 64 MiB. Longer fails with a
   * `WatchDecodeError` naming the limit.
   *
   * @since 0.2.0
   */
  maxWatchLineBytes?: number | undefined;
  /**
   * The largest list response in bytes; default 1 GiB. Larger fails with a
   * `ResponseDecodeError` naming the limit.
   *
   * @since 0.2.0
   */
  maxListBytes?: number | undefined;
}

/**
 * The {@link ListerWatcher} that {@link createListWatch} returns, with a read-out of the protocol
 * its requests go over.
 *
 * @since 0.2.0
 */
export interface KubeListWatch<T> extends ListerWatcher<T> {
  /** The protocol of the last answer (`h2` or `http/1.1`); `undefined` before the first. */
  readonly protocol: TransportProtocol | undefined;
  /** The transport the requests go through. */
  readonly transport: KubeTransport;
}

/**
 * A {@link ListerWatcher} over the Kubernetes API, using a `@kubernetes/client-node` `KubeConfig`
 * (1.x or 2.x) for the server, credentials, TLS and proxy. Requests go through a
 * {@link KubeTransport}: HTTP/2 with a PING health check where the server offers it (one
 * connection shared by every ListWatch of the KubeConfig), HTTP/1.1 otherwise. Watches are
 * streamed and decoded here from bytes (newline-delimited JSON), not through client-node's
 * `Watch` class. List items and watch objects come out in one shape: plain JSON with
 * `apiVersion` and `kind` filled in.
 *
 * Errors: a non-2xx answer rejects with an `ApiStatusError` carrying the server's `Status` (and
 * `retryAfterMilliseconds` for a 429); a lost connection rejects (or throws from the iterator)
 * with a `ConnectionLostError`; a network failure rejects with the underlying error
 * (`code: 'ECONNREFUSED'`, ...); a malformed or over-long watch line is thrown from the iterator
 * as a {@link WatchDecodeError}; an unusable or over-large list body as a
 * {@link ResponseDecodeError}.
 *
 * @param kubeConfig - a loaded `KubeConfig` (its current context is used).
 * @param resource - what to list and watch: `apiVersion` + `plural`, optional `namespace` (absent:
 *   all namespaces) and `kind` (absent: taken from the list's kind).
 * @param options - selectors, transport, protocol and size limits.
 * @returns the ListerWatcher, with a `protocol` read-out.
 * @throws {@link InvalidListWatchConfigError} for a size limit that is not a positive integer;
 *   (from `list`/`watch`) when the KubeConfig has no current cluster, its server URL cannot be used
 *   (not a URL, user info in it, client-node's `localhost:8080` "no kubeconfig found" fallback, an
 *   `http://` server client-node refuses without `insecure-skip-tls-verify`), a file it names is
 *   missing, or the resource lacks an `apiVersion` or `plural`.
 * @example
 * ```ts
 * import { KubeConfig } from '@kubernetes/client-node';
 * const kubeConfig = new KubeConfig();
 * kubeConfig.loadFromDefault();
 * const configMaps = createListWatch(kubeConfig, { apiVersion: 'v1', plural: 'configmaps', namespace: 'default' });
 * const page = await configMaps.list({ limit: 10 }, AbortSignal.timeout(10_000));
 * console.log(configMaps.protocol); // 'h2'
 * ```
 * @since 0.1.0
 */
export function createListWatch<T = KubeObject>(
  kubeConfig: KubeConfigLike,
  resource: ResourceDescriptor,
  options: ListWatchOptions = {},
): KubeListWatch<T> {
  const maxLineBytes = limit(
    options.maxWatchLineBytes,
    defaultMaxWatchLineBytes,
    'maxWatchLineBytes',
  );
  const maxListBytes = limit(options.maxListBytes, defaultMaxListBytes, 'maxListBytes');
  const transport = options.transport ?? KubeTransport.forKubeConfig(kubeConfig);
  let knownKind = resource.kind;
  let protocol: TransportProtocol | undefined;
  const withSelectors = (requested: ListOptions): ListOptions => ({
    ...requested,
    labelSelector: options.labelSelector ?? requested.labelSelector,
    fieldSelector: options.fieldSelector ?? requested.fieldSelector,
  });
  const fillTypeMeta = (object: Record<string, unknown>): T => {
    if (typeof object.apiVersion === 'string' && typeof object.kind === 'string')
      return object as T;
    return { apiVersion: resource.apiVersion, kind: knownKind, ...object } as T;
  };
  const send = async (url: URL, signal: AbortSignal): Promise<TransportResponse> => {
    let response: TransportResponse;
    try {
      response = await transport.request(url, { signal, protocol: options.protocol });
    } catch (error) {
      // A configuration that can never work fails as such, so the reflector stops retrying.
      throw asConfigError(error, kubeConfig);
    }
    protocol = response.protocol;
    return response;
  };

  return {
    get protocol() {
      return protocol;
    },
    transport,

    async list(requested: ListOptions, signal: AbortSignal): Promise<ListResult<T>> {
      const url = resourceUrl(checkedServer(kubeConfig), resource, withSelectors(requested), false);
      const response = await send(url, signal);
      let body: ListBody;
      try {
        body = parseListBody(await readJsonBody(response.body, { maxBytes: maxListBytes }));
      } catch (error) {
        response.destroy();
        throw signal.aborted ? abortReason(signal) : error;
      }
      if (knownKind === undefined && typeof body.kind === 'string' && body.kind.endsWith('List')) {
        knownKind = body.kind.slice(0, -'List'.length);
      }
      const metadata = body.metadata ?? {};
      return {
        items: body.items.map(fillTypeMeta),
        resourceVersion:
          typeof metadata.resourceVersion === 'string' ? metadata.resourceVersion : '',
        continue:
          typeof metadata.continue === 'string' && metadata.continue !== ''
            ? metadata.continue
            : undefined,
        remainingItemCount:
          typeof metadata.remainingItemCount === 'number' ? metadata.remainingItemCount : undefined,
      };
    },

    async watch(requested: ListOptions, signal: AbortSignal): Promise<WatchStream<T>> {
      const url = resourceUrl(checkedServer(kubeConfig), resource, withSelectors(requested), true);
      const response = await send(url, signal);
      const events = watchEvents(response, fillTypeMeta, signal, maxLineBytes);
      return {
        connectionHealthChecked: response.connectionHealthChecked,
        [Symbol.asyncIterator]: () => events,
      };
    },
  };
}

interface ListBody {
  kind?: unknown;
  metadata?: { resourceVersion?: unknown; continue?: unknown; remainingItemCount?: unknown };
  items: Record<string, unknown>[];
}

function parseListBody(parsed: unknown): ListBody {
  if (!isRecord(parsed)) {
    throw new ResponseDecodeError('the list response is not a JSON object');
  }
  const items = parsed.items ?? [];
  if (!Array.isArray(items) || !items.every(isRecord)) {
    throw new ResponseDecodeError('the list response has no array of objects in `items`');
  }
  const metadata = isRecord(parsed.metadata) ? parsed.metadata : {};
  return { kind: parsed.kind, metadata, items };
}

async function* watchEvents<T>(
  response: TransportResponse,
  fillTypeMeta: (object: Record<string, unknown>) => T,
  signal: AbortSignal,
  maxLineBytes: number,
): AsyncGenerator<WatchEvent<T>> {
  try {
    for await (const value of decodeNewlineJson(response.body, { maxLineBytes })) {
      if (!isRecord(value) || typeof value.type !== 'string' || !isRecord(value.object)) {
        throw new WatchDecodeError(
          'a watch line is not a watch event (an object with a string `type` and an object `object`)',
        );
      }
      const { type, object } = value;
      // BOOKMARK, ERROR and unknown types go through untouched; the reflector judges them. The
      // parsed line is the event itself unless its object needs apiVersion and kind filled in.
      const filled =
        type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED'
          ? fillTypeMeta(object)
          : object;
      yield (filled === object ? value : { type, object: filled }) as WatchEvent<T>;
    }
  } catch (error) {
    // Node reports an aborted response as a reset connection; say what really happened.
    if (signal.aborted) throw abortReason(signal);
    throw error;
  } finally {
    // Closes the stream when the consumer stops early.
    response.destroy();
  }
}

function limit(value: number | undefined, fallback: number, name: string): number {
  try {
    return byteLimit(value, fallback, name);
  } catch (error) {
    throw new InvalidListWatchConfigError(error instanceof Error ? error.message : String(error));
  }
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('the watch was aborted', 'AbortError');
}
