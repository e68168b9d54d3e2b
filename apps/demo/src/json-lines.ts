import type { DemoSnapshot } from './demo-snapshot';

/**
 * One machine-readable line of the demo's `--json` output. A discriminated union on `type`.
 */
export type DemoRecord =
  | {
      type: 'start';
      mode: DemoSnapshot['mode'];
      server: string;
      pods: number | undefined;
      durationSeconds: number;
    }
  | { type: 'progress'; listed: number; total: number | undefined; pages: number }
  | { type: 'synced'; pods: number; resourceVersion: string; seconds: number }
  | ({ type: 'status' } & StatusRecord)
  | { type: 'fault'; atSeconds: number; fault: string; description: string }
  | {
      type: 'verification';
      match: boolean;
      objects: number;
      differences: number;
      missing: number;
      extra: number;
      stale: number;
      message: string;
    }
  | { type: 'error'; message: string };

/**
 * The fields of a `status` record.
 */
export interface StatusRecord {
  elapsedSeconds: number;
  state: string;
  resourceVersion: string;
  cachedPods: number;
  eventsPerSecond: number;
  relists: number;
  watches: number;
  backoffs: number;
  expired: number;
  churn: DemoSnapshot['churn'];
  topNodes: DemoSnapshot['topNodes'];
}

/**
 * The `status` record for a snapshot: the numbers of the live view, without the tables' tails.
 *
 * @param snapshot - the snapshot.
 * @returns the record.
 */
export function statusRecord(snapshot: DemoSnapshot): DemoRecord {
  return {
    type: 'status',
    elapsedSeconds: round(snapshot.elapsedSeconds),
    state: snapshot.reflector.state,
    resourceVersion: snapshot.reflector.resourceVersion,
    cachedPods: snapshot.cachedPods,
    eventsPerSecond: round(snapshot.eventsPerSecond),
    relists: snapshot.reflector.relists,
    watches: snapshot.reflector.watches,
    backoffs: snapshot.reflector.backoffs,
    expired: snapshot.reflector.expired,
    churn: snapshot.churn,
    topNodes: snapshot.topNodes.slice(0, 3),
  };
}

/**
 * Serialises a record as one line of JSON.
 *
 * @param record - the record.
 * @returns the line, with its newline.
 */
export function jsonLine(record: DemoRecord): string {
  return `${JSON.stringify(record)}\n`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
