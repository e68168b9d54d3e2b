import type {
  KubeObject,
  ListerWatcher,
  ListOptions,
  ListResult,
  WatchEvent,
} from '@kube-cache/indexer';
import type { IncomingMessage } from 'node:http';
import { currentServer, kubeGet, readBody } from './kube-http';
import type { KubeConfigLike } from './kube-http';
import { decodeNewlineJson } from './newline-json';
import { resourceUrl } from './resource-url';
import type { ResourceDescriptor } from './resource-url';
import { ResponseDecodeError } from './response-decode-error';
import { WatchDecodeError } from './watch-decode-error';

/**
 * Options of {@link createListWatch}: selectors sent with every list and every watch.
 *
 * @since 0.1.0
 */
export interface ListWatchOptions {
  /** A label selector, for example `app=web,tier!=cache`. */
  labelSelector?: string | undefined;
  /** A field selector, for example `status.phase=Running`. */
  fieldSelector?: string | undefined;
}

/**
 * A {@link ListerWatcher} over the Kubernetes API, using a `@kubernetes/client-node` `KubeConfig`
 * (1.x or 2.x) for the server, credentials, TLS and proxy. Lists are plain GETs; watches are
 * streamed and decoded here (newline-delimited JSON, decoded incrementally), not through
 * client-node's `Watch` class. List items and watch objects come out in one shape: plain JSON
 * with `apiVersion` and `kind` filled in.
 *
 * Errors: a non-2xx answer rejects with an `ApiStatusError` carrying the server's `Status`; a
 * network failure rejects with the underlying error (`code: 'ECONNREFUSED'`, ...); a malformed
 * watch line is thrown from the iterator as a {@link WatchDecodeError}.
 *
 * @param kubeConfig - a loaded `KubeConfig` (its current context is used).
 * @param resource - what to list and watch: `apiVersion` + `plural`, optional `namespace` (absent:
 *   all namespaces) and `kind` (absent: taken from the list's kind).
 * @param options - label and field selectors.
 * @returns the ListerWatcher.
 * @throws {@link InvalidListWatchConfigError} (from `list`/`watch`) when the KubeConfig has no
 *   current cluster or the resource lacks an `apiVersion` or `plural`.
 * @example
 * ```ts
 * import { KubeConfig } from '@kubernetes/client-node';
 * const kubeConfig = new KubeConfig();
 * kubeConfig.loadFromDefault();
 * const configMaps = createListWatch(kubeConfig, { apiVersion: 'v1', plural: 'configmaps', namespace: 'default' });
 * const page = await configMaps.list({ limit: 10 }, AbortSignal.timeout(10_000));
 * ```
 * @since 0.1.0
 */
export function createListWatch<T = KubeObject>(
  kubeConfig: KubeConfigLike,
  resource: ResourceDescriptor,
  options: ListWatchOptions = {},
): ListerWatcher<T> {
  let knownKind = resource.kind;
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

  return {
    async list(requested: ListOptions, signal: AbortSignal): Promise<ListResult<T>> {
      const url = resourceUrl(currentServer(kubeConfig), resource, withSelectors(requested), false);
      const response = await kubeGet(kubeConfig, url, signal);
      const body = parseListBody(await readBody(response));
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

    async watch(
      requested: ListOptions,
      signal: AbortSignal,
    ): Promise<AsyncIterable<WatchEvent<T>>> {
      const url = resourceUrl(currentServer(kubeConfig), resource, withSelectors(requested), true);
      const response = await kubeGet(kubeConfig, url, signal);
      return watchEvents(response, fillTypeMeta, signal);
    },
  };
}

interface ListBody {
  kind?: unknown;
  metadata?: { resourceVersion?: unknown; continue?: unknown; remainingItemCount?: unknown };
  items: Record<string, unknown>[];
}

function parseListBody(text: string): ListBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ResponseDecodeError('the list response is not valid JSON', { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null) {
    throw new ResponseDecodeError('the list response is not a JSON object');
  }
  const candidate = parsed as { items?: unknown; metadata?: unknown; kind?: unknown };
  const items = candidate.items ?? [];
  if (!Array.isArray(items) || !items.every(isRecord)) {
    throw new ResponseDecodeError('the list response has no array of objects in `items`');
  }
  const metadata = isRecord(candidate.metadata) ? candidate.metadata : {};
  return { kind: candidate.kind, metadata, items };
}

async function* watchEvents<T>(
  response: IncomingMessage,
  fillTypeMeta: (object: Record<string, unknown>) => T,
  signal: AbortSignal,
): AsyncGenerator<WatchEvent<T>> {
  try {
    for await (const value of decodeNewlineJson(response)) {
      if (!isRecord(value) || typeof value.type !== 'string' || !isRecord(value.object)) {
        throw new WatchDecodeError(
          'a watch line is not a watch event (an object with a string `type` and an object `object`)',
          JSON.stringify(value) ?? String(value),
        );
      }
      const { type, object } = value;
      if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') {
        yield { type, object: fillTypeMeta(object) };
      } else {
        // BOOKMARK, ERROR and unknown types go through untouched; the reflector judges them.
        yield { type, object } as WatchEvent<T>;
      }
    }
  } catch (error) {
    // Node reports an aborted response as a reset connection; say what really happened.
    if (signal.aborted) throw abortReason(signal);
    throw error;
  } finally {
    // Closes the connection when the consumer stops early.
    response.destroy();
  }
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('the watch was aborted', 'AbortError');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
