// The replicator's entry point: run with tsx (no build), e.g. `pnpm --filter @kube-cache-example/replicator start --kubeconfig ~/.kube/config`.
import { loadKubeConfig } from './load-kube-config';
import { parseReplicatorOptions, replicatorUsage } from './replicator-options';
import { ReplicatorUsageError } from './replicator-usage-error';
import { runDemo } from './run-demo';
import { runReplicator } from './run-replicator';

const stop = new AbortController();
const onSignal = (signal: NodeJS.Signals): void => {
  // A second signal while draining means "now".
  if (stop.signal.aborted) process.exit(130);
  console.error(`replicator: ${signal}: draining the queue and stopping the informers`);
  stop.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

try {
  const options = parseReplicatorOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(replicatorUsage);
  } else if (options.demo) {
    await runDemo({ workers: options.workers, signal: stop.signal, terminal: process.stdout });
  } else {
    const kubeConfig = await loadKubeConfig(options);
    const exit = await runReplicator({
      kubeConfig,
      workers: options.workers,
      dryRun: options.dryRun,
      leaderElection: options.leaderElect
        ? { lease: options.lease, identity: options.identity }
        : undefined,
      signal: stop.signal,
    });
    if (exit === 'lost-leadership') {
      console.error(
        'replicator: lost the Lease; exiting so that a fresh process can compete again',
      );
      process.exitCode = 1;
    }
  }
} catch (error) {
  if (ReplicatorUsageError.isInstance(error)) {
    console.error(error.message);
    process.exitCode = 2;
  } else {
    throw error;
  }
}

// Everything is stopped by now; a lingering keep-alive socket must not hold the exit up.
setTimeout(() => process.exit(), 5000).unref();
