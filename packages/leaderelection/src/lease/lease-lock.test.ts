import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiStatusError } from '@kube-cache/indexer';
import { systemClock } from '@kube-cache/store-core';
import { FakeLeaseClient } from './fake-lease-client.test-support';
import type { LeaderElectionRecord } from './leader-election-record';
import { LeaseLock } from './lease-lock';
import type { LeaseSpec } from './lease';
import { formatMicroTime } from './micro-time';

// Ports of client-go's testTryAcquireOrRenew and testReleaseLease (leaderelection_test.go,
// v0.34.0): identity "baz", Lease foo/bar, lease duration 10 s. Each case checks the result,
// the observed holder, the exact API calls and leaseTransitions.

const microTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const hour = 3_600_000;

function record(fields: Partial<LeaderElectionRecord>): LeaderElectionRecord {
  return {
    holderIdentity: '',
    leaseDurationSeconds: 0,
    acquireTime: null,
    renewTime: null,
    leaseTransitions: 0,
    strategy: '',
    preferredHolder: '',
    ...fields,
  };
}

function newLock(client: FakeLeaseClient, errors: unknown[] = []): LeaseLock {
  return new LeaseLock({
    client,
    reference: { namespace: 'foo', name: 'bar' },
    identity: 'baz',
    leaseDurationMilliseconds: 10_000,
    requestTimeoutMilliseconds: 5_000,
    clock: systemClock,
    reportError: (error) => errors.push(error),
  });
}

const signal = new AbortController().signal;

describe('LeaseLock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-12-02T00:00:00.000Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('tryAcquireOrRenew (client-go cases)', () => {
    it('should acquire from no object: get, create; transitions 0', async () => {
      const client = new FakeLeaseClient();
      const lock = newLock(client);
      expect(await lock.tryAcquireOrRenew(signal)).toBe(true);
      expect(client.verbs).toEqual(['get', 'create']);
      expect(lock.holder()).toBe('baz');
      expect(client.spec).toMatchObject({
        holderIdentity: 'baz',
        leaseDurationSeconds: 10,
        leaseTransitions: 0,
      });
      expect(client.lease?.metadata).toMatchObject({ namespace: 'foo', name: 'bar' });
    });

    it('should acquire from an object with an empty spec: get, update; transitions 1', async () => {
      const client = new FakeLeaseClient();
      client.put({});
      const lock = newLock(client);
      expect(await lock.tryAcquireOrRenew(signal)).toBe(true);
      expect(client.verbs).toEqual(['get', 'update']);
      expect(lock.holder()).toBe('baz');
      expect(client.spec?.leaseTransitions).toBe(1);
    });

    it('should wait the holder lease duration after first seeing a led object, then acquire', async () => {
      const client = new FakeLeaseClient();
      client.put({ holderIdentity: 'bing', leaseDurationSeconds: 3 });
      const lock = newLock(client);
      expect(await lock.tryAcquireOrRenew(signal)).toBe(false);
      expect(lock.holder()).toBe('bing');
      vi.advanceTimersByTime(3_000);
      expect(await lock.tryAcquireOrRenew(signal)).toBe(true);
      expect(client.verbs).toEqual(['get', 'get', 'update']);
      expect(lock.holder()).toBe('baz');
      expect(client.spec?.leaseTransitions).toBe(1);
    });

    it('should acquire from an unled object', async () => {
      const client = new FakeLeaseClient();
      client.put({ holderIdentity: '', leaseDurationSeconds: 10 });
      const lock = newLock(client);
      expect(await lock.tryAcquireOrRenew(signal)).toBe(true);
      expect(client.verbs).toEqual(['get', 'update']);
      expect(client.spec?.leaseTransitions).toBe(1);
    });

    it('should acquire from a led, unacked object observed long ago (same bytes)', async () => {
      const client = new FakeLeaseClient();
      client.put({ holderIdentity: 'bing', leaseDurationSeconds: 10 });
      const lock = newLock(client);
      lock.restoreObservation(
        record({ holderIdentity: 'bing', leaseDurationSeconds: 10 }),
        Date.now() - 1000 * hour,
      );
      expect(await lock.tryAcquireOrRenew(signal)).toBe(true);
      expect(client.verbs).toEqual(['get', 'update']);
      expect(lock.holder()).toBe('baz');
      expect(client.spec?.leaseTransitions).toBe(1);
    });

    it('should acquire an empty holder at once, even when observed in the future', async () => {
      const client = new FakeLeaseClient();
      client.put({ holderIdentity: '', leaseDurationSeconds: 10 });
      const lock = newLock(client);
      lock.restoreObservation(record({ leaseDurationSeconds: 10 }), Date.now() + 1000 * hour);
      expect(await lock.tryAcquireOrRenew(signal)).toBe(true);
      expect(client.verbs).toEqual(['get', 'update']);
      expect(client.spec?.leaseTransitions).toBe(1);
    });

    it('should not acquire from a led, acked object', async () => {
      const client = new FakeLeaseClient();
      client.put({ holderIdentity: 'bing', leaseDurationSeconds: 10 });
      const lock = newLock(client);
      lock.restoreObservation(
        record({ holderIdentity: 'bing', leaseDurationSeconds: 10 }),
        Date.now() + 1000 * hour,
      );
      expect(await lock.tryAcquireOrRenew(signal)).toBe(false);
      expect(client.verbs).toEqual(['get']);
      expect(lock.holder()).toBe('bing');
    });

    it('should renew an object it already holds: read first (nothing cached), keep transitions', async () => {
      const client = new FakeLeaseClient();
      const acquired = formatMicroTime(Date.now() - hour);
      client.put({
        holderIdentity: 'baz',
        leaseDurationSeconds: 10,
        acquireTime: acquired,
        renewTime: acquired,
        leaseTransitions: 0,
      });
      const lock = newLock(client);
      lock.restoreObservation(
        record({ holderIdentity: 'baz', leaseDurationSeconds: 10 }),
        Date.now() + 1000 * hour,
      );
      expect(await lock.tryAcquireOrRenew(signal)).toBe(true);
      expect(client.verbs).toEqual(['get', 'update']);
      expect(client.spec?.leaseTransitions).toBe(0);
      expect(client.spec?.acquireTime).toBe(acquired);
      expect(client.spec?.renewTime).toBe(formatMicroTime(Date.now()));
    });
  });

  describe('tryAcquireOrRenew (fields and races)', () => {
    it('should write MicroTimes with six fractional digits', async () => {
      vi.setSystemTime(Date.parse('2026-12-02T00:04:05.123Z'));
      const client = new FakeLeaseClient();
      const lock = newLock(client);
      await lock.tryAcquireOrRenew(signal);
      expect(client.spec?.acquireTime).toBe('2026-12-02T00:04:05.123000Z');
      expect(client.spec?.renewTime).toMatch(microTime);
    });

    it('should renew on the fast path with one update, keeping acquireTime and transitions', async () => {
      const client = new FakeLeaseClient();
      client.put({ holderIdentity: 'old', leaseDurationSeconds: 10, leaseTransitions: 4 });
      const lock = newLock(client);
      lock.restoreObservation(
        record({ holderIdentity: 'old', leaseDurationSeconds: 10, leaseTransitions: 4 }),
        Date.now() - hour,
      );
      await lock.tryAcquireOrRenew(signal);
      const acquireTime = client.spec?.acquireTime;
      vi.advanceTimersByTime(2_000);
      expect(await lock.tryAcquireOrRenew(signal)).toBe(true);
      expect(client.verbs).toEqual(['get', 'update', 'update']);
      expect(client.spec).toMatchObject({
        holderIdentity: 'baz',
        leaseTransitions: 5,
        acquireTime,
      });
      expect(client.spec?.renewTime).toBe(formatMicroTime(Date.now()));
    });

    it('should fall back to get and update after a 409 on the fast path, without reporting it', async () => {
      const client = new FakeLeaseClient();
      const errors: unknown[] = [];
      const lock = newLock(client, errors);
      await lock.tryAcquireOrRenew(signal);
      // Someone else's write (for example an admin's label edit) bumps the resourceVersion.
      client.put({ ...client.spec });
      expect(await lock.tryAcquireOrRenew(signal)).toBe(true);
      expect(client.verbs).toEqual(['get', 'create', 'update', 'get', 'update']);
      expect(errors).toEqual([]);
    });

    it('should lose a create race (409 AlreadyExists) quietly', async () => {
      const client = new FakeLeaseClient();
      const errors: unknown[] = [];
      client.react((call) => {
        if (call.verb === 'create')
          client.put({ holderIdentity: 'bing', leaseDurationSeconds: 10 });
        return 'default';
      });
      const lock = newLock(client, errors);
      expect(await lock.tryAcquireOrRenew(signal)).toBe(false);
      expect(errors).toEqual([]);
    });

    it('should lose an update race (409) quietly and report other failures', async () => {
      const client = new FakeLeaseClient();
      client.put({});
      const errors: unknown[] = [];
      client.react((call) => {
        if (call.verb === 'update')
          client.put({ holderIdentity: 'bing', leaseDurationSeconds: 10 });
        return 'default';
      });
      const lock = newLock(client, errors);
      expect(await lock.tryAcquireOrRenew(signal)).toBe(false);
      expect(errors).toEqual([]);
      const failing = new FakeLeaseClient();
      failing.react(() => {
        throw new ApiStatusError(500, { message: 'etcd is down' });
      });
      const failingLock = newLock(failing, errors);
      expect(await failingLock.tryAcquireOrRenew(signal)).toBe(false);
      expect(errors).toHaveLength(1);
    });

    it('should use the holder lease duration from the Lease, not its own', async () => {
      const client = new FakeLeaseClient();
      client.put({ holderIdentity: 'bing', leaseDurationSeconds: 60 });
      const lock = newLock(client);
      expect(await lock.tryAcquireOrRenew(signal)).toBe(false);
      vi.advanceTimersByTime(59_999);
      expect(await lock.tryAcquireOrRenew(signal)).toBe(false);
      vi.advanceTimersByTime(1);
      expect(await lock.tryAcquireOrRenew(signal)).toBe(true);
    });

    it('should restart the expiry whenever the record changes', async () => {
      const client = new FakeLeaseClient();
      const spec = (renewTime: string): LeaseSpec => ({
        holderIdentity: 'bing',
        leaseDurationSeconds: 10,
        renewTime,
      });
      client.put(spec('2026-12-02T00:00:00.000000Z'));
      const lock = newLock(client);
      expect(await lock.tryAcquireOrRenew(signal)).toBe(false);
      vi.advanceTimersByTime(9_000);
      // A renewal within the same second still counts as a change (microseconds compared).
      client.put(spec('2026-12-02T00:00:00.500000Z'));
      expect(await lock.tryAcquireOrRenew(signal)).toBe(false);
      vi.advanceTimersByTime(9_000);
      expect(await lock.tryAcquireOrRenew(signal)).toBe(false);
      vi.advanceTimersByTime(1_000);
      expect(await lock.tryAcquireOrRenew(signal)).toBe(true);
    });

    it.each([
      ['far in the future', '2126-01-01T00:00:00.000000Z'],
      ['far in the past', '1970-01-01T00:00:01.000000Z'],
    ])(
      'should judge expiry by the local clock only when the remote renewTime is %s',
      async (_label, renewTime) => {
        const client = new FakeLeaseClient();
        client.put({
          holderIdentity: 'bing',
          leaseDurationSeconds: 10,
          renewTime,
          acquireTime: renewTime,
        });
        const lock = newLock(client);
        expect(await lock.tryAcquireOrRenew(signal)).toBe(false);
        vi.advanceTimersByTime(9_999);
        expect(await lock.tryAcquireOrRenew(signal)).toBe(false);
        vi.advanceTimersByTime(1);
        expect(await lock.tryAcquireOrRenew(signal)).toBe(true);
      },
    );

    it('should clear strategy and preferredHolder on a renew', async () => {
      const client = new FakeLeaseClient();
      client.put({
        holderIdentity: 'baz',
        leaseDurationSeconds: 10,
        strategy: 'OldestEmulationVersion',
        preferredHolder: 'other',
      });
      const lock = newLock(client);
      expect(await lock.tryAcquireOrRenew(signal)).toBe(true);
      expect(client.spec).not.toHaveProperty('strategy');
      expect(client.spec).not.toHaveProperty('preferredHolder');
    });

    it('should keep the rest of the Lease (metadata) on an update', async () => {
      const client = new FakeLeaseClient();
      client.put({});
      if (client.lease !== undefined) client.lease.metadata['labels'] = { team: 'a' };
      const lock = newLock(client);
      await lock.tryAcquireOrRenew(signal);
      expect(client.lease?.metadata['labels']).toEqual({ team: 'a' });
    });
  });

  describe('release (client-go testReleaseLease and master)', () => {
    it('should read, then write an empty holder with a 1 s duration, keeping transitions', async () => {
      const client = new FakeLeaseClient();
      client.put({ holderIdentity: 'baz', leaseDurationSeconds: 10, leaseTransitions: 3 });
      const lock = newLock(client);
      expect(await lock.tryAcquireOrRenew(signal)).toBe(true);
      expect(await lock.release(signal)).toBe(true);
      expect(client.verbs).toEqual(['get', 'update', 'get', 'update']);
      expect(client.spec).toMatchObject({
        holderIdentity: '',
        leaseDurationSeconds: 1,
        leaseTransitions: 3,
      });
      expect(client.spec?.renewTime).toMatch(microTime);
      expect(lock.holder()).toBe('');
    });

    it('should write nothing when it does not hold the lease', async () => {
      const client = new FakeLeaseClient();
      client.put({ holderIdentity: 'bing', leaseDurationSeconds: 10 });
      const lock = newLock(client);
      await lock.tryAcquireOrRenew(signal);
      expect(await lock.release(signal)).toBe(true);
      expect(client.verbs).toEqual(['get', 'get']);
      expect(client.spec?.holderIdentity).toBe('bing');
    });

    it('should not clear a holder that took over since the last renew', async () => {
      const client = new FakeLeaseClient();
      const lock = newLock(client);
      await lock.tryAcquireOrRenew(signal);
      client.put({ holderIdentity: 'bing', leaseDurationSeconds: 10, leaseTransitions: 1 });
      expect(await lock.release(signal)).toBe(true);
      expect(client.verbs).toEqual(['get', 'create', 'get']);
      expect(client.spec?.holderIdentity).toBe('bing');
    });

    it('should retry a release that meets a 409', async () => {
      const client = new FakeLeaseClient();
      const lock = newLock(client);
      await lock.tryAcquireOrRenew(signal);
      let raced = false;
      client.react((call) => {
        if (call.verb === 'update' && !raced) {
          raced = true;
          client.put({ ...client.spec }); // an in-flight renew landed after all
        }
        return 'default';
      });
      expect(await lock.release(signal)).toBe(true);
      expect(client.verbs).toEqual(['get', 'create', 'get', 'update', 'get', 'update']);
      expect(client.spec?.holderIdentity).toBe('');
    });
  });
});
