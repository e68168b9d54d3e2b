import type { CoreV1Api, V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import type { ReplicaWriter } from './replica-writer';
import { ReplicaWriteError } from './replica-writer';
import type { ReplicatedKind, ReplicatedObject } from './replicated-object';

/** The HTTP status of a client-node `ApiException` (it has a numeric `code`), if it is one. */
function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  return typeof code === 'number' ? code : undefined;
}

/** Settles with `promise`, or rejects after `milliseconds` (the request itself is abandoned). */
async function withTimeout<T>(promise: Promise<T>, milliseconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new ReplicaWriteError(`${what} timed out after ${milliseconds} ms`, 0)),
      milliseconds,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function attempt(
  what: string,
  write: () => Promise<unknown>,
  timeoutMilliseconds: number,
  ignoreStatus?: number,
): Promise<boolean> {
  try {
    await withTimeout(write(), timeoutMilliseconds, what);
    return true;
  } catch (error) {
    if (ReplicaWriteError.isInstance(error)) throw error;
    const status = statusOf(error);
    if (status !== undefined && status === ignoreStatus) return false;
    // Only the status and what was tried: client-node's message may quote request headers.
    throw new ReplicaWriteError(
      `${what} failed${status === undefined ? '' : ` with HTTP ${status}`}`,
      status ?? 0,
      { cause: error },
    );
  }
}

function place(object: ReplicatedObject): { namespace: string; name: string } {
  return { namespace: object.metadata?.namespace ?? '', name: object.metadata?.name ?? '' };
}

/**
 * A {@link ReplicaWriter} on `@kubernetes/client-node`'s typed `CoreV1Api` (1.x). Updates are
 * `replace` (PUT) with the resourceVersion the copy was read at, and deletes carry a
 * resourceVersion precondition, so a concurrent change makes the API server answer `409`
 * instead of being overwritten. A failed write becomes a {@link ReplicaWriteError} with the
 * HTTP status; deleting a copy that is already gone (`404`) succeeds and resolves `false`.
 *
 * @example
 * ```ts
 * const writer = new ClientNodeReplicaWriter(kubeConfig.makeApiClient(CoreV1Api));
 * ```
 */
export class ClientNodeReplicaWriter implements ReplicaWriter {
  readonly #api: CoreV1Api;
  readonly #timeout: number;

  /**
   * @param api - a `CoreV1Api` made with `kubeConfig.makeApiClient(CoreV1Api)`.
   * @param options - `requestTimeoutMilliseconds` (default 30 000): a write that hangs longer (a
   *   stalled connection) fails and its source is retried, instead of holding a worker forever.
   */
  constructor(api: CoreV1Api, options: { requestTimeoutMilliseconds?: number | undefined } = {}) {
    this.#api = api;
    this.#timeout = options.requestTimeoutMilliseconds ?? 30_000;
  }

  /** {@inheritDoc ReplicaWriter.create} */
  async create(object: ReplicatedObject): Promise<void> {
    const { namespace, name } = place(object);
    await attempt(
      `creating ${object.kind} ${namespace}/${name}`,
      () =>
        object.kind === 'Secret'
          ? this.#api.createNamespacedSecret({ namespace, body: object as V1Secret })
          : this.#api.createNamespacedConfigMap({ namespace, body: object as V1ConfigMap }),
      this.#timeout,
    );
  }

  /** {@inheritDoc ReplicaWriter.replace} */
  async replace(object: ReplicatedObject): Promise<void> {
    const { namespace, name } = place(object);
    await attempt(
      `replacing ${object.kind} ${namespace}/${name}`,
      () =>
        object.kind === 'Secret'
          ? this.#api.replaceNamespacedSecret({ namespace, name, body: object as V1Secret })
          : this.#api.replaceNamespacedConfigMap({ namespace, name, body: object as V1ConfigMap }),
      this.#timeout,
    );
  }

  /** {@inheritDoc ReplicaWriter.delete} */
  async delete(
    kind: ReplicatedKind,
    namespace: string,
    name: string,
    resourceVersion: string | undefined,
  ): Promise<boolean> {
    const body = resourceVersion === undefined ? {} : { preconditions: { resourceVersion } };
    return attempt(
      `deleting ${kind} ${namespace}/${name}`,
      () =>
        kind === 'Secret'
          ? this.#api.deleteNamespacedSecret({ namespace, name, body })
          : this.#api.deleteNamespacedConfigMap({ namespace, name, body }),
      this.#timeout,
      // Already gone is what a delete wants.
      404,
    );
  }
}
