import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiRequest,
  proxiedKubeconfig,
  startKubeCluster,
  TcpProxy,
  waitUntil,
  type KubeCluster,
} from '@kube-cache/e2e-harness';
import type { CandidateConfig } from './candidate.e2e-support';
import { CandidateGroup } from './candidate-group.e2e-support';

// LeaderElector against a real kube-apiserver 1.20.2 + etcd (issue 13): three candidate
// processes per scenario on their own Lease, each printing its transitions with Date.now(), so
// that the leading intervals of all of them are ordered on this machine's one clock.
// KUBE_CACHE_E2E_DEBUG=1 prints every candidate line.

/** Short durations keep the suite quick; leaseDuration > renewDeadline + retryPeriod keeps it safe. */
const fast = {
  leaseDurationMilliseconds: 5_000,
  renewDeadlineMilliseconds: 3_000,
  retryPeriodMilliseconds: 1_000,
};
/** Scheduling slack for processes and requests on a shared two-core machine (an upper bound). */
const slack = 1_000;

let cluster: KubeCluster;
let directory: string;
const groups: CandidateGroup[] = [];
const proxies: TcpProxy[] = [];

function candidates(
  lease: string,
  kubeconfigPaths: readonly string[],
  options: Partial<CandidateConfig> = {},
): CandidateGroup {
  const group = new CandidateGroup(
    kubeconfigPaths.map((kubeconfigPath, index) => ({
      kubeconfigPath,
      identity: `${lease}-candidate-${index}`,
      namespace: 'default',
      lease,
      releaseOnCancel: false,
      ...fast,
      ...options,
    })),
  );
  groups.push(group);
  return group;
}

/** The Lease's spec, read independently of the code under test (each read bounded to 5 s). */
async function readLeaseSpec(
  name: string,
): Promise<{ holderIdentity?: string; renewTime?: string; leaseTransitions?: number } | undefined> {
  const response = await apiRequest(
    cluster,
    'GET',
    `/apis/coordination.k8s.io/v1/namespaces/default/leases/${name}`,
    undefined,
    AbortSignal.timeout(5_000),
  );
  if (response.status !== 200) return undefined;
  return (JSON.parse(response.text) as { spec?: Awaited<ReturnType<typeof readLeaseSpec>> }).spec;
}

describe('LeaderElector against kube-apiserver', () => {
  beforeAll(async () => {
    cluster = await startKubeCluster();
    directory = await mkdtemp(join(tmpdir(), 'kube-cache-leaderelection-'));
  });
  afterEach(async () => {
    await Promise.all(groups.splice(0).map((group) => group.stop()));
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
  });
  afterAll(async () => {
    await cluster?.stop();
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  it('should hand over within leaseDuration plus the jittered polls after the leader is SIGKILLed', async () => {
    const { retryPeriodMilliseconds: retry, leaseDurationMilliseconds: lease } = fast;
    const group = candidates('killed', Array(3).fill(cluster.kubeconfigPath) as string[]);
    const first = await group.nextLeader(0);
    // Let the followers see a few renewals first.
    await new Promise((resolve) => setTimeout(resolve, 3 * retry));
    const killedAt = first.candidate.kill('SIGKILL');
    await first.candidate.waitForExit();
    const next = await group.nextLeader(killedAt, [first.candidate]);
    const handover = next.at - killedAt;
    console.log(`SIGKILL hand-over: ${handover} ms (lease ${lease} ms, retry ${retry} ms)`);
    // The holder's last renewal is at most one retry period before the kill; a follower sees it
    // within one jittered retry period (< 2.2 x retry), waits leaseDuration from then, and tries
    // again within one more jittered retry period.
    expect(handover).toBeLessThanOrEqual(lease + 2 * 2.2 * retry + slack);
    expect(handover).toBeGreaterThanOrEqual(lease - retry - slack);
    expect(group.overlaps()).toEqual([]);
  });

  it('should hand over within one jittered retry period after a graceful stop with releaseOnCancel', async () => {
    const { retryPeriodMilliseconds: retry, leaseDurationMilliseconds: lease } = fast;
    const group = candidates('released', Array(3).fill(cluster.kubeconfigPath) as string[], {
      releaseOnCancel: true,
    });
    const first = await group.nextLeader(0);
    await new Promise((resolve) => setTimeout(resolve, 2 * retry));
    const stoppedAt = first.candidate.kill('SIGTERM');
    await first.candidate.waitForExit();
    expect(first.candidate.events('exit')).toHaveLength(1);
    const next = await group.nextLeader(stoppedAt, [first.candidate]);
    const handover = next.at - stoppedAt;
    console.log(`release hand-over: ${handover} ms (retry ${retry} ms)`);
    // The release clears the holder at once; a follower's next try is < 2.2 x retry away.
    expect(handover).toBeLessThanOrEqual(2.2 * retry + slack);
    expect(handover).toBeLessThan(lease);
    expect(group.overlaps()).toEqual([]);
    const spec = await waitUntil(
      async () => {
        const read = await readLeaseSpec('released');
        return read?.holderIdentity === next.candidate.identity ? read : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250, description: 'the Lease to name the next leader' },
    );
    // Created (0), released (kept), taken over from the empty holder (+1).
    expect(spec.leaseTransitions).toBe(1);
  });

  it('should stop a leader whose connections stall within renewDeadline plus one retry period, before anyone else leads', async () => {
    const { retryPeriodMilliseconds: retry, renewDeadlineMilliseconds: renew } = fast;
    const port = Number(new URL(cluster.server).port);
    const paths: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const proxy = await TcpProxy.start({ targetPort: port });
      proxies.push(proxy);
      const path = join(directory, `stalled-${index}.json`);
      await writeFile(path, JSON.stringify(proxiedKubeconfig(cluster, proxy)), { mode: 0o600 });
      paths.push(path);
    }
    const group = candidates('stalled', paths);
    const first = await group.nextLeader(0);
    await new Promise((resolve) => setTimeout(resolve, 3 * retry));
    const proxy = proxies[group.candidates.indexOf(first.candidate)] as TcpProxy;
    // The proxy freezes the connections open now; the leader opens new ones for later requests,
    // so freeze every new one too, on every turn of the event loop, until the leader gives up.
    const stalledAt = Date.now();
    let stalling = true;
    const stallAgain = (): void => {
      if (!stalling) return;
      proxy.stall();
      setImmediate(stallAgain);
    };
    stallAgain();
    try {
      const stopped = await waitUntil(() => first.candidate.events('stopped')[0], {
        timeoutMs: 30_000,
        intervalMs: 20,
        description: 'the stalled leader to stop leading',
      });
      const lostAfter = stopped.at - stalledAt;
      console.log(
        `stalled leader stopped after ${lostAfter} ms (renew ${renew} ms, retry ${retry} ms)`,
      );
      // The round in progress at the stall began at most one retry period before it.
      expect(lostAfter).toBeLessThanOrEqual(renew + retry + slack);
      const next = await group.nextLeader(stalledAt, [first.candidate]);
      expect(next.at).toBeGreaterThanOrEqual(stopped.at);
      console.log(`next leader ${next.at - stopped.at} ms after the stalled one stopped`);
    } finally {
      stalling = false;
    }
    expect(group.overlaps()).toEqual([]);
  });

  it('should keep the same leader through an API server restart shorter than renewDeadline', async () => {
    // Restarting kube-apiserver here takes seconds; a renew deadline well above that.
    const timings = {
      leaseDurationMilliseconds: 60_000,
      renewDeadlineMilliseconds: 45_000,
      retryPeriodMilliseconds: 2_000,
    };
    const group = candidates(
      'restarted',
      Array(3).fill(cluster.kubeconfigPath) as string[],
      timings,
    );
    const first = await group.nextLeader(0);
    await new Promise((resolve) => setTimeout(resolve, 2 * timings.retryPeriodMilliseconds));
    const restartedAt = Date.now();
    await cluster.restartApiserver();
    const restartTook = Date.now() - restartedAt;
    console.log(`kube-apiserver restart took ${restartTook} ms`);
    expect(restartTook).toBeLessThan(timings.renewDeadlineMilliseconds);
    const readyAt = Date.now();
    // The leader renews on the restarted server.
    await waitUntil(
      async () => {
        const spec = await readLeaseSpec('restarted');
        return (
          spec?.holderIdentity === first.candidate.identity &&
          Date.parse(spec.renewTime ?? '') > readyAt
        );
      },
      { timeoutMs: 30_000, intervalMs: 250, description: 'a renewal after the restart' },
    );
    expect(first.candidate.events('stopped')).toEqual([]);
    expect(first.candidate.leading).toBe(true);
    expect(group.intervals()).toHaveLength(1);
  });
});
