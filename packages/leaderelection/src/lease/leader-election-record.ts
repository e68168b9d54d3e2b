import { normalizeMicroTime } from './micro-time';
import type { LeaseSpec } from './lease';

/**
 * What a Lease says about its holder, in client-go's `LeaderElectionRecord` shape.
 *
 * @internal
 */
export interface LeaderElectionRecord {
  holderIdentity: string;
  leaseDurationSeconds: number;
  /** `MicroTime`, or `null` when unset. */
  acquireTime: string | null;
  /** `MicroTime`, or `null` when unset. */
  renewTime: string | null;
  leaseTransitions: number;
  strategy: string;
  preferredHolder: string;
}

function timeOf(value: unknown): string | null {
  return typeof value === 'string' ? normalizeMicroTime(value) : null;
}

function integerOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : 0;
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Reads a Lease spec as client-go does: absent fields become zero values.
 *
 * @internal
 */
export function recordFromSpec(spec: LeaseSpec | undefined): LeaderElectionRecord {
  return {
    holderIdentity: textOf(spec?.holderIdentity),
    leaseDurationSeconds: integerOf(spec?.leaseDurationSeconds),
    acquireTime: timeOf(spec?.acquireTime),
    renewTime: timeOf(spec?.renewTime),
    leaseTransitions: integerOf(spec?.leaseTransitions),
    strategy: textOf(spec?.strategy),
    preferredHolder: textOf(spec?.preferredHolder),
  };
}

/**
 * The spec that replaces a Lease's whole spec on a write. The five holder fields are always
 * written; `strategy` and `preferredHolder` only when set, so a non-coordinated renew clears them
 * (as client-go's does).
 *
 * @internal
 */
export function specFromRecord(record: LeaderElectionRecord): LeaseSpec {
  const spec: LeaseSpec = {
    holderIdentity: record.holderIdentity,
    leaseDurationSeconds: record.leaseDurationSeconds,
    acquireTime: record.acquireTime,
    renewTime: record.renewTime,
    leaseTransitions: record.leaseTransitions,
  };
  if (record.strategy !== '') spec.strategy = record.strategy;
  if (record.preferredHolder !== '') spec.preferredHolder = record.preferredHolder;
  return spec;
}

/**
 * The record's content as one string, for "did the record change since I last looked". Times are
 * compared to the microsecond (client-go compares whole seconds); a finer comparison only ever
 * restarts the expiry clock sooner, never later.
 *
 * @internal
 */
export function recordFingerprint(record: LeaderElectionRecord): string {
  return JSON.stringify([
    record.holderIdentity,
    record.leaseDurationSeconds,
    record.acquireTime,
    record.renewTime,
    record.leaseTransitions,
    record.strategy,
    record.preferredHolder,
  ]);
}
