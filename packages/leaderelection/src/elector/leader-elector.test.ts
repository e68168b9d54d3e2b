import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiStatusError } from '@kube-cache/indexer';
import { FakeLeaseClient, hangUntilAborted } from '../lease/fake-lease-client.test-support';
import { InvalidLeaderElectionOptionsError } from '../errors/invalid-leader-election-options-error';
import { LeaderElectionHealthError } from '../errors/leader-election-health-error';
import type { LeaderElectionOptions } from './leader-election-options';
import { LeaderElector } from './leader-elector';
import { LeaderElectorAlreadyRunningError } from '../errors/leader-elector-already-running-error';
import { formatMicroTime } from '../lease/micro-time';

/** A candidate "baz" on Lease foo/bar with a fake API; `log` records callbacks in order. */
function setup(
  overrides: { [K in keyof LeaderElectionOptions]?: LeaderElectionOptions[K] | undefined } = {},
) {
  const client = new FakeLeaseClient();
  const log: string[] = [];
  const errors: unknown[] = [];
  let leaderSignal: AbortSignal | undefined;
  const controller = new AbortController();
  const elector = new LeaderElector({
    lease: { namespace: 'foo', name: 'bar' },
    identity: 'baz',
    leaseClient: client,
    leaseDurationMilliseconds: 4_000,
    renewDeadlineMilliseconds: 3_000,
    retryPeriodMilliseconds: 1_000,
    random: () => 0,
    onStartedLeading: (signal) => {
      leaderSignal = signal;
      log.push('started');
      signal.addEventListener('abort', () => log.push('work aborted'));
    },
    onStoppedLeading: () => log.push('stopped'),
    onNewLeader: (identity) => log.push(`new leader ${JSON.stringify(identity)}`),
    onError: (error) => errors.push(error),
    ...overrides,
  } as LeaderElectionOptions);
  const running = elector.run(controller.signal);
  return {
    client,
    log,
    errors,
    elector,
    controller,
    running,
    leaderSignal: () => leaderSignal,
  };
}

const base = {
  lease: { namespace: 'foo', name: 'bar' },
  identity: 'baz',
  leaseClient: new FakeLeaseClient(),
  onStartedLeading: () => undefined,
  onStoppedLeading: () => undefined,
};

describe('LeaderElector', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-12-02T00:00:00.000Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('constructor (client-go TestLeaderElectionConfigValidation and NewLeaderElector)', () => {
    it('should accept 15 s / 2 s / 1 s and the 15 s / 10 s / 2 s defaults', () => {
      expect(
        new LeaderElector({
          ...base,
          leaseDurationMilliseconds: 15_000,
          renewDeadlineMilliseconds: 2_000,
          retryPeriodMilliseconds: 1_000,
        }).identity,
      ).toBe('baz');
      expect(new LeaderElector(base).isLeader()).toBe(false);
    });

    it.each([
      [{ identity: '' }, 'identity is empty'],
      [
        { leaseDurationMilliseconds: 10_000, renewDeadlineMilliseconds: 10_000 },
        'leaseDurationMilliseconds must be greater than renewDeadlineMilliseconds',
      ],
      [
        { renewDeadlineMilliseconds: 2_400, retryPeriodMilliseconds: 2_000 },
        'renewDeadlineMilliseconds must be greater than retryPeriodMilliseconds * 1.2',
      ],
      [
        {
          leaseDurationMilliseconds: 0,
          renewDeadlineMilliseconds: -1,
          retryPeriodMilliseconds: -2,
        },
        'leaseDurationMilliseconds must be greater than zero',
      ],
      [
        {
          leaseDurationMilliseconds: 15_000,
          renewDeadlineMilliseconds: 10,
          retryPeriodMilliseconds: -2,
        },
        'retryPeriodMilliseconds must be greater than zero',
      ],
      [
        {
          leaseDurationMilliseconds: 900,
          renewDeadlineMilliseconds: 500,
          retryPeriodMilliseconds: 100,
        },
        'leaseDurationMilliseconds must be at least 1000 (the Lease stores whole seconds)',
      ],
      [{ retryPeriodMilliseconds: Number.NaN }, 'retryPeriodMilliseconds must be a finite number'],
      [{ leaseClient: undefined }, 'give a kubeConfig or a leaseClient'],
      [{ lease: { namespace: '', name: 'bar' } }, 'lease.namespace must be a non-empty string'],
      [{ lease: { namespace: 'foo', name: '' } }, 'lease.name must be a non-empty string'],
      [{ requestTimeoutMilliseconds: 0 }, 'requestTimeoutMilliseconds must be greater than zero'],
    ] as const)('should refuse %j', (override, message) => {
      let caught: unknown;
      try {
        new LeaderElector({ ...base, ...override } as LeaderElectionOptions);
      } catch (error) {
        caught = error;
      }
      expect(InvalidLeaderElectionOptionsError.isInstance(caught)).toBe(true);
      expect((caught as Error).message).toBe(message);
    });

    it('should refuse missing callbacks', () => {
      expect(
        () =>
          new LeaderElector({
            ...base,
            onStartedLeading: undefined,
          } as unknown as LeaderElectionOptions),
      ).toThrow('onStartedLeading must be a function');
      expect(
        () =>
          new LeaderElector({
            ...base,
            onStoppedLeading: undefined,
          } as unknown as LeaderElectionOptions),
      ).toThrow('onStoppedLeading must be a function');
    });
  });

  describe('run', () => {
    it('should create the missing Lease, lead, and report itself as the new leader', async () => {
      const { client, log, elector, leaderSignal } = setup();
      await vi.advanceTimersByTimeAsync(0);
      expect(elector.isLeader()).toBe(true);
      expect(elector.getLeader()).toBe('baz');
      expect(leaderSignal()?.aborted).toBe(false);
      expect(log).toEqual(['new leader "baz"', 'started']);
      expect(client.spec).toMatchObject({
        holderIdentity: 'baz',
        leaseDurationSeconds: 4,
        leaseTransitions: 0,
        acquireTime: formatMicroTime(Date.now()),
      });
    });

    it('should renew once per retry period on the fast path (client-go TestFastPathLeaderElection)', async () => {
      let updates = 0;
      const { client, controller, running } = setup({
        leaseDurationMilliseconds: 15_000,
        renewDeadlineMilliseconds: 2_000,
        retryPeriodMilliseconds: 1_000,
      });
      client.react((call) => {
        if (call.verb === 'update' && (updates += 1) === 2) controller.abort();
        return 'default';
      });
      await vi.advanceTimersByTimeAsync(5_000);
      await running;
      expect(client.verbs).toEqual(['get', 'create', 'update', 'update']);
    });

    it('should fall back to get and update after a 409 on the fast path (TestFastPathLeaderElection)', async () => {
      let updates = 0;
      const { client, controller, running, errors } = setup({
        leaseDurationMilliseconds: 15_000,
        renewDeadlineMilliseconds: 2_000,
        retryPeriodMilliseconds: 1_000,
      });
      client.react((call) => {
        updates += call.verb === 'update' ? 1 : 0;
        if (call.verb === 'update' && updates === 2) client.put({ ...client.spec });
        if (call.verb === 'update' && updates === 4) controller.abort();
        return 'default';
      });
      await vi.advanceTimersByTimeAsync(5_000);
      await running;
      expect(client.verbs).toEqual([
        'get',
        'create',
        'update',
        'update',
        'get',
        'update',
        'update',
      ]);
      expect(errors).toEqual([]);
    });

    it('should keep renewing: one write per retry period, renewTime moving, acquireTime kept', async () => {
      const { client, elector } = setup();
      await vi.advanceTimersByTimeAsync(0);
      const acquireTime = client.spec?.acquireTime;
      await vi.advanceTimersByTimeAsync(10_000);
      expect(client.verbs.filter((verb) => verb === 'update')).toHaveLength(11);
      expect(client.spec?.acquireTime).toBe(acquireTime);
      expect(client.spec?.renewTime).toBe(formatMicroTime(Date.now()));
      expect(elector.isLeader()).toBe(true);
    });

    it('should stop leading when another holder took the lease, and report the new leader', async () => {
      const { client, log, elector, running, leaderSignal } = setup();
      await vi.advanceTimersByTimeAsync(0);
      client.put({ holderIdentity: 'bing', leaseDurationSeconds: 4, leaseTransitions: 1 });
      await vi.advanceTimersByTimeAsync(1_000 + 3_000);
      await running;
      expect(elector.isLeader()).toBe(false);
      expect(elector.getLeader()).toBe('bing');
      expect(leaderSignal()?.aborted).toBe(true);
      expect(log).toEqual([
        'new leader "baz"',
        'started',
        'new leader "bing"',
        'work aborted',
        'stopped',
      ]);
      expect(client.spec?.holderIdentity).toBe('bing');
    });

    it('should stop leading once a renew round has not succeeded within renewDeadline', async () => {
      const { client, log, elector, running, leaderSignal } = setup();
      await vi.advanceTimersByTimeAsync(0);
      // Every call from now on stalls, as on a dead connection.
      client.react((_call, signal) => hangUntilAborted(signal));
      // The next round starts one retry period after the last renewal and gives up 3 s later.
      await vi.advanceTimersByTimeAsync(1_000 + 3_000 - 1);
      expect(elector.isLeader()).toBe(true);
      expect(leaderSignal()?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(elector.isLeader()).toBe(false);
      expect(leaderSignal()?.aborted).toBe(true);
      await running;
      expect(log.slice(-2)).toEqual(['work aborted', 'stopped']);
    });

    it('should keep leading through failed tries that recover before renewDeadline', async () => {
      let failures = 0;
      const { client, elector, errors } = setup();
      await vi.advanceTimersByTimeAsync(0);
      client.react(() => {
        if (failures < 4) {
          failures += 1;
          throw new ApiStatusError(500, { message: 'etcd timed out' });
        }
        return 'default';
      });
      await vi.advanceTimersByTimeAsync(10_000);
      expect(elector.isLeader()).toBe(true);
      expect(errors).toHaveLength(4);
    });

    it('should cut a hung request after requestTimeout and renew within the same round', async () => {
      let hung = false;
      const { client, elector, errors } = setup();
      await vi.advanceTimersByTimeAsync(0);
      client.react((call, signal) => {
        if (call.verb !== 'update' || hung) return 'default';
        hung = true;
        return hangUntilAborted(signal);
      });
      // Round at 1 s: the update hangs until the 1.5 s request timeout, then get + update.
      await vi.advanceTimersByTimeAsync(1_000 + 1_500);
      expect(client.verbs.slice(-3)).toEqual(['update', 'get', 'update']);
      // The record is made when the try starts (as client-go's), so renewTime is that moment.
      expect(client.spec?.renewTime).toBe(formatMicroTime(Date.now() - 1_500));
      expect(elector.isLeader()).toBe(true);
      expect(errors).toHaveLength(1);
    });

    it('should write the lease duration in whole seconds, truncated', async () => {
      const { client } = setup({ leaseDurationMilliseconds: 4_999 });
      await vi.advanceTimersByTimeAsync(0);
      expect(client.spec?.leaseDurationSeconds).toBe(4);
    });

    it('should take over an expired lease only leaseDuration after first seeing it', async () => {
      const client = new FakeLeaseClient();
      client.put({
        holderIdentity: 'bing',
        leaseDurationSeconds: 4,
        leaseTransitions: 7,
        renewTime: '2026-12-01T00:00:00.000000Z',
      });
      const { elector, log } = setup({ leaseClient: client });
      await vi.advanceTimersByTimeAsync(3_999);
      expect(elector.isLeader()).toBe(false);
      expect(elector.getLeader()).toBe('bing');
      await vi.advanceTimersByTimeAsync(1);
      expect(elector.isLeader()).toBe(true);
      expect(client.spec).toMatchObject({ holderIdentity: 'baz', leaseTransitions: 8 });
      expect(log).toEqual(['new leader "bing"', 'new leader "baz"', 'started']);
    });

    it('should never take over from a holder that keeps renewing, whatever its renewTime says', async () => {
      const client = new FakeLeaseClient();
      const { elector } = setup({ leaseClient: client });
      let second = 0;
      const renew = (): void => {
        second += 1;
        // Clocks far apart: the holder's renewTime is decades behind ours, yet changes.
        client.put({
          holderIdentity: 'bing',
          leaseDurationSeconds: 4,
          renewTime: formatMicroTime(Date.parse('1999-01-01T00:00:00Z') + second * 1000),
        });
      };
      renew();
      for (let step = 0; step < 60; step += 1) {
        await vi.advanceTimersByTimeAsync(1_000);
        renew();
      }
      expect(elector.isLeader()).toBe(false);
      expect(client.spec?.holderIdentity).toBe('bing');
    });

    it('should wait a jittered retry period between acquire tries', async () => {
      const client = new FakeLeaseClient();
      client.put({ holderIdentity: 'bing', leaseDurationSeconds: 3600 });
      const getTimes: number[] = [];
      client.react((call) => {
        if (call.verb === 'get') getTimes.push(Date.now());
        return 'default';
      });
      setup({ leaseClient: client, random: () => 0.5 });
      await vi.advanceTimersByTimeAsync(5_000);
      const gaps = getTimes.slice(1).map((time, index) => time - (getTimes[index] ?? 0));
      expect(gaps).toEqual([1_600, 1_600, 1_600]);
    });

    it('should call onStoppedLeading also when it never led', async () => {
      const client = new FakeLeaseClient();
      client.put({ holderIdentity: 'bing', leaseDurationSeconds: 3600 });
      const { log, controller, running } = setup({ leaseClient: client });
      await vi.advanceTimersByTimeAsync(2_500);
      controller.abort();
      await running;
      expect(log).toEqual(['new leader "bing"', 'stopped']);
    });

    it('should refuse a second run while one is in progress, and campaign again after', async () => {
      const { elector, controller, running, log } = setup();
      await expect(elector.run()).rejects.toSatisfy(LeaderElectorAlreadyRunningError.isInstance);
      await vi.advanceTimersByTimeAsync(0);
      controller.abort();
      await running;
      const again = new AbortController();
      const second = elector.run(again.signal);
      await vi.advanceTimersByTimeAsync(0);
      expect(elector.isLeader()).toBe(true);
      again.abort();
      await second;
      expect(log.filter((entry) => entry === 'started')).toHaveLength(2);
    });

    it('should report a rejected onStartedLeading through onError', async () => {
      const failure = new Error('controller crashed');
      const { errors } = setup({ onStartedLeading: () => Promise.reject(failure) });
      await vi.advanceTimersByTimeAsync(0);
      expect(errors).toEqual([failure]);
    });

    it('should warn through process.emitWarning at most once per 30 s without onError', async () => {
      const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
      const client = new FakeLeaseClient();
      client.react(() => {
        throw new ApiStatusError(503, { message: 'the server is shutting down' });
      });
      setup({ leaseClient: client, onError: undefined });
      await vi.advanceTimersByTimeAsync(65_000);
      expect(warn).toHaveBeenCalledTimes(3);
      expect(String(warn.mock.calls[1]?.[0])).toMatch(
        /^leader election: the server is shutting down \(\d+ similar/,
      );
    });
  });

  describe('checkHealth (client-go healthzadaptor_test.go)', () => {
    it('should be healthy without having observed anything, and while renewing', async () => {
      const { elector } = setup();
      expect(elector.checkHealth()).toBeUndefined();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(elector.checkHealth()).toBeUndefined();
    });

    it('should be healthy when another candidate holds the lease', async () => {
      const client = new FakeLeaseClient();
      client.put({ holderIdentity: 'bing', leaseDurationSeconds: 3600 });
      const { elector } = setup({ leaseClient: client });
      await vi.advanceTimersByTimeAsync(3_600_000);
      expect(elector.checkHealth()).toBeUndefined();
    });

    it('should fail for a holder that has not renewed for leaseDuration plus the tolerance', async () => {
      const { client, elector, controller, running } = setup();
      await vi.advanceTimersByTimeAsync(0);
      client.react((_call, signal) => hangUntilAborted(signal));
      // It stops leading after 4 s, but still holds the lease by the last record it saw.
      await vi.advanceTimersByTimeAsync(4_000 + 20_000);
      expect(elector.checkHealth(20_000)).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      const error = elector.checkHealth(20_000);
      expect(error?.message).toBe(
        'failed election to renew leadership on lease foo/bar (last renewed 24001 ms ago)',
      );
      expect(LeaderElectionHealthError.isInstance(error)).toBe(true);
      controller.abort();
      await running;
    });
  });

  describe('releaseOnCancel', () => {
    it('should stop the work, clear the holder, report "" and then call onStoppedLeading', async () => {
      const { client, controller, running, log, elector } = setup({ releaseOnCancel: true });
      await vi.advanceTimersByTimeAsync(2_500);
      client.react((call) => {
        if (call.verb === 'update')
          log.push(`release update (work aborted: ${String(log.includes('work aborted'))})`);
        return 'default';
      });
      controller.abort();
      await vi.advanceTimersByTimeAsync(0);
      await running;
      expect(client.spec).toMatchObject({
        holderIdentity: '',
        leaseDurationSeconds: 1,
        leaseTransitions: 0,
      });
      expect(log).toEqual([
        'new leader "baz"',
        'started',
        'work aborted',
        'release update (work aborted: true)',
        'new leader ""',
        'stopped',
      ]);
      expect(elector.getLeader()).toBe('');
    });

    it('should release after an in-flight renew was cancelled (TestReleaseOnCancellation, update)', async () => {
      let updates = 0;
      const { client, controller, running } = setup({
        leaseDurationMilliseconds: 15_000,
        renewDeadlineMilliseconds: 2_000,
        retryPeriodMilliseconds: 1_000,
        releaseOnCancel: true,
      });
      client.react((call, signal) => {
        if (call.verb !== 'update') return 'default';
        updates += 1;
        if (updates === 1 || updates === 3) throw new DOMException('canceled', 'AbortError');
        if (updates === 4) {
          queueMicrotask(() => controller.abort());
          return hangUntilAborted(signal);
        }
        return 'default';
      });
      await vi.advanceTimersByTimeAsync(5_000);
      await running;
      expect(updates).toBe(5);
      expect(client.spec?.holderIdentity).toBe('');
    });

    it('should release after an in-flight read was cancelled (TestReleaseOnCancellation, get)', async () => {
      let gets = 0;
      let updates = 0;
      const { client, controller, running } = setup({ releaseOnCancel: true });
      client.react((call, signal) => {
        if (call.verb === 'update' && (updates += 1) % 2 === 1) {
          throw new DOMException('canceled', 'AbortError');
        }
        if (call.verb === 'get' && (gets += 1) === 3) {
          queueMicrotask(() => controller.abort());
          return hangUntilAborted(signal);
        }
        return 'default';
      });
      await vi.advanceTimersByTimeAsync(5_000);
      await running;
      expect(client.verbs.slice(-2)).toEqual(['get', 'update']);
      expect(client.spec?.holderIdentity).toBe('');
    });

    it('should release also when renewing failed, if the lease is still ours', async () => {
      const { client, running, elector } = setup({ releaseOnCancel: true });
      await vi.advanceTimersByTimeAsync(0);
      // Renewals stall; the connection recovers just as the elector gives up leading.
      client.react((_call, signal) => (elector.isLeader() ? hangUntilAborted(signal) : 'default'));
      await vi.advanceTimersByTimeAsync(4_000);
      expect(elector.isLeader()).toBe(false);
      await running;
      expect(client.spec?.holderIdentity).toBe('');
    });
  });
});
