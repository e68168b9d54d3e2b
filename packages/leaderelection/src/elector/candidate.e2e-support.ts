// One leader-election candidate as its own process, for the e2e test: it campaigns on a Lease
// until SIGTERM and prints one JSON line per transition with Date.now(), so that the test can
// order the transitions of several processes on one machine's clock.
//
//   tsx --conditions=@kube-cache/source candidate.e2e-support.ts '<json CandidateConfig>'
import { KubeConfig } from '@kubernetes/client-node';
import { LeaderElector } from './leader-elector';

/** What the e2e test passes as the only argument (JSON). */
export interface CandidateConfig {
  kubeconfigPath: string;
  identity: string;
  namespace: string;
  lease: string;
  leaseDurationMilliseconds: number;
  renewDeadlineMilliseconds: number;
  retryPeriodMilliseconds: number;
  releaseOnCancel: boolean;
}

/** One line of the candidate's output. */
export interface CandidateLogLine {
  at: number;
  identity: string;
  event: 'ready' | 'started' | 'stopped' | 'new-leader' | 'error' | 'exit';
  detail?: string;
}

const config = JSON.parse(process.argv[2] ?? '{}') as CandidateConfig;
const log = (event: CandidateLogLine['event'], detail?: string): void => {
  const line: CandidateLogLine = { at: Date.now(), identity: config.identity, event };
  if (detail !== undefined) line.detail = detail;
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

const kubeConfig = new KubeConfig();
kubeConfig.loadFromFile(config.kubeconfigPath);
const controller = new AbortController();
process.once('SIGTERM', () => controller.abort());
// The test holds stdin open; if the test process dies, do not linger as an orphan.
process.stdin.resume();
process.stdin.once('end', () => process.exit(1));

const elector = new LeaderElector({
  lease: { namespace: config.namespace, name: config.lease },
  identity: config.identity,
  kubeConfig,
  leaseDurationMilliseconds: config.leaseDurationMilliseconds,
  renewDeadlineMilliseconds: config.renewDeadlineMilliseconds,
  retryPeriodMilliseconds: config.retryPeriodMilliseconds,
  releaseOnCancel: config.releaseOnCancel,
  onStartedLeading: (signal) => {
    log('started');
    signal.addEventListener('abort', () => log('stopped'), { once: true });
  },
  onStoppedLeading: () => undefined,
  onNewLeader: (identity) => log('new-leader', identity),
  onError: (error) => log('error', error instanceof Error ? error.message : String(error)),
});

log('ready');
// A candidate that lost the lease campaigns again, as a restarted pod would.
while (!controller.signal.aborted) await elector.run(controller.signal);
log('exit');
// Stop watching stdin so that the process ends on its own.
process.stdin.destroy();
