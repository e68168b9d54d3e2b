import { ApiStatusError } from '@kube-cache/indexer';
import { abortReason } from '../elector/abortable';
import type { Lease, LeaseReference, LeaseSpec } from './lease';
import type { LeaseClient } from './lease-client';

/** A Lease API call as the fake saw it. */
export interface FakeLeaseCall {
  verb: 'get' | 'create' | 'update';
  /** The body sent (create, update). */
  body?: Lease;
}

/**
 * Decides one call instead of the default behaviour: return `'default'` to let the store handle
 * it, throw to fail it, or return a promise (for example one that waits for the signal).
 */
export type FakeLeaseReactor = (
  call: FakeLeaseCall,
  signal: AbortSignal,
) => 'default' | Promise<'default'>;

function statusError(code: number, reason: string): ApiStatusError {
  return new ApiStatusError(code, {
    status: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message: reason },
  });
}

/** Rejects when `signal` aborts; never resolves otherwise (a stalled connection). */
export function hangUntilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(abortReason(signal));
    signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
  });
}

/**
 * An in-memory Lease API with resourceVersions (409 on a stale update, 409 AlreadyExists on a
 * second create, 404 when missing) that records every call, with reactors to script failures.
 */
export class FakeLeaseClient implements LeaseClient {
  lease: Lease | undefined;
  readonly calls: FakeLeaseCall[] = [];
  #reactors: FakeLeaseReactor[] = [];
  #version = 100;

  /** The verbs called so far, in order. */
  get verbs(): string[] {
    return this.calls.map((call) => call.verb);
  }

  /** Adds a reactor consulted (in order) before the default behaviour. */
  react(reactor: FakeLeaseReactor): void {
    this.#reactors.push(reactor);
  }

  /** Stores a Lease as if another writer had written it (a new resourceVersion). */
  put(spec: LeaseSpec, reference: LeaseReference = { namespace: 'foo', name: 'bar' }): void {
    this.#version += 1;
    this.lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { ...reference, resourceVersion: String(this.#version) },
      spec: structuredClone(spec),
    };
  }

  /** The stored spec. */
  get spec(): LeaseSpec | undefined {
    return this.lease?.spec;
  }

  async #handle(call: FakeLeaseCall, signal: AbortSignal): Promise<Lease | undefined> {
    this.calls.push(call);
    for (const reactor of this.#reactors) {
      if ((await reactor(call, signal)) !== 'default') break;
    }
    signal.throwIfAborted();
    if (call.verb === 'get')
      return this.lease === undefined ? undefined : structuredClone(this.lease);
    const body = call.body as Lease;
    if (call.verb === 'create') {
      if (this.lease !== undefined) throw statusError(409, 'AlreadyExists');
    } else {
      if (this.lease === undefined) throw statusError(404, 'NotFound');
      if (body.metadata.resourceVersion !== this.lease.metadata.resourceVersion) {
        throw statusError(409, 'Conflict');
      }
    }
    this.#version += 1;
    this.lease = {
      ...structuredClone(body),
      metadata: { ...structuredClone(body.metadata), resourceVersion: String(this.#version) },
    };
    return structuredClone(this.lease);
  }

  get(_reference: LeaseReference, signal: AbortSignal): Promise<Lease | undefined> {
    return this.#handle({ verb: 'get' }, signal);
  }

  async create(lease: Lease, signal: AbortSignal): Promise<Lease> {
    return (await this.#handle({ verb: 'create', body: structuredClone(lease) }, signal)) as Lease;
  }

  async update(lease: Lease, signal: AbortSignal): Promise<Lease> {
    return (await this.#handle({ verb: 'update', body: structuredClone(lease) }, signal)) as Lease;
  }
}
