import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { FakeLeaseClient, hangUntilAborted } from '../lease/fake-lease-client.test-support';
import { LeaderElector } from './leader-elector';
import type { LeaseClient } from '../lease/lease-client';

// The property leader election exists for: whatever happens to the candidates' connections and
// processes, no two of them lead at the same time. Three candidates share one fake Lease API; at
// random times a candidate's connection stalls (every call hangs) or heals, or the candidate is
// killed (its signal aborts and it never reaches the API again) or stopped gracefully. With
// leaseDuration > renewDeadline + retryPeriod, the leading intervals must never overlap.

type Disturbance = { at: number; candidate: number; kind: 'stall' | 'heal' | 'kill' | 'stop' };

const candidates = 3;
const horizon = 60_000;

const disturbance: fc.Arbitrary<Disturbance> = fc.record({
  at: fc.integer({ min: 0, max: horizon }),
  candidate: fc.integer({ min: 0, max: candidates - 1 }),
  kind: fc.constantFrom('stall', 'heal', 'heal', 'stall', 'kill', 'stop'),
});

function stallable(client: LeaseClient, isStalled: () => boolean): LeaseClient {
  return {
    get: (reference, signal) =>
      isStalled() ? hangUntilAborted(signal) : client.get(reference, signal),
    create: (lease, signal) =>
      isStalled() ? hangUntilAborted(signal) : client.create(lease, signal),
    update: (lease, signal) =>
      isStalled() ? hangUntilAborted(signal) : client.update(lease, signal),
  };
}

describe('LeaderElector (mutual exclusion)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-12-02T00:00:00.000Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('should never let two candidates lead at once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(disturbance, { maxLength: 12 }),
        fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 8, maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: candidates, maxLength: candidates }),
        async (disturbances, randoms, releaseOnCancel) => {
          const api = new FakeLeaseClient();
          const intervals: Array<{ candidate: number; start: number; end: number }> = [];
          const stalled = Array.from({ length: candidates }, () => false);
          const dead = Array.from({ length: candidates }, () => false);
          const controllers = Array.from({ length: candidates }, () => new AbortController());
          let draw = 0;
          const runs = controllers.map((controller, candidate) =>
            new LeaderElector({
              lease: { namespace: 'foo', name: 'bar' },
              identity: `candidate-${candidate}`,
              leaseClient: stallable(
                api,
                () => stalled[candidate] === true || dead[candidate] === true,
              ),
              leaseDurationMilliseconds: 5_000,
              renewDeadlineMilliseconds: 3_000,
              retryPeriodMilliseconds: 1_000,
              releaseOnCancel: releaseOnCancel[candidate] === true,
              random: () => randoms[(draw += 1) % randoms.length] ?? 0,
              onStartedLeading: (signal) => {
                const interval = { candidate, start: Date.now(), end: Number.POSITIVE_INFINITY };
                intervals.push(interval);
                signal.addEventListener('abort', () => {
                  interval.end = Date.now();
                });
              },
              onStoppedLeading: () => undefined,
              onError: () => undefined,
            }).run(controller.signal),
          );
          for (const { at, candidate, kind } of disturbances) {
            setTimeout(() => {
              if (kind === 'stall') stalled[candidate] = true;
              if (kind === 'heal') stalled[candidate] = false;
              if (kind === 'kill') dead[candidate] = true;
              if (kind === 'kill' || kind === 'stop') controllers[candidate]?.abort();
            }, at);
          }
          await vi.advanceTimersByTimeAsync(horizon + 1_000);
          for (const controller of controllers) controller.abort();
          await vi.advanceTimersByTimeAsync(10_000);
          await Promise.all(runs);

          const ordered = [...intervals].sort((left, right) => left.start - right.start);
          for (let index = 1; index < ordered.length; index += 1) {
            const previous = ordered[index - 1];
            const current = ordered[index];
            expect(current?.start).toBeGreaterThanOrEqual(previous?.end ?? 0);
          }
          // Someone led: the first candidate to try creates the Lease.
          expect(ordered.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 60 },
    );
  });
});
