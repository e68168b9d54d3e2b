import { parseArgs } from 'node:util';
import { ReplicatorUsageError } from './replicator-usage-error';

/**
 * The replicator's command-line options, parsed.
 */
export interface ReplicatorCliOptions {
  /** `--kubeconfig PATH`; absent: `KUBECONFIG`, `~/.kube/config`, then in-cluster. */
  kubeconfig: string | undefined;
  /** `--context NAME`. */
  context: string | undefined;
  /** `--workers N` (default 2): sources reconciled in parallel. */
  workers: number;
  /** `--dry-run`: print the changes, write nothing. */
  dryRun: boolean;
  /** `--demo`: run against an embedded fake API server with a scripted scenario. */
  demo: boolean;
  /** `--leader-elect`: run workers only while holding the Lease. */
  leaderElect: boolean;
  /** `--leader-elect-lease NAMESPACE/NAME` (default `default/kube-cache-replicator`). */
  lease: { namespace: string; name: string };
  /** `--identity ID` for leader election (default host name and process id). */
  identity: string | undefined;
  /** `--help`. */
  help: boolean;
}

/** The `--help` text. */
export const replicatorUsage = `Usage: kube-cache-replicator [options]

Copies ConfigMaps and Secrets annotated with
  replicator.kube-cache.dev/replicate-to: "team-a,team-b" (or "*")
  replicator.kube-cache.dev/replicate-to-selector: "env=prod"
into those namespaces, and keeps the copies equal to their source.

Options:
  --kubeconfig PATH              kubeconfig file (default: KUBECONFIG, ~/.kube/config, in-cluster)
  --context NAME                 kubeconfig context
  --workers N                    sources reconciled in parallel (default 2)
  --dry-run                      print what would change, write nothing
  --leader-elect                 run workers only while holding a Lease (for several replicas)
  --leader-elect-lease NS/NAME   the Lease (default default/kube-cache-replicator)
  --identity ID                  this replica's identity (default host name and pid)
  --demo                         run against an embedded fake API server with a live view
  --help                         this text
`;

/**
 * Parses the replicator's arguments.
 *
 * @param argv - the arguments after the script name.
 * @returns the options.
 * @throws {@link ReplicatorUsageError} for an unknown option or a bad value.
 */
export function parseReplicatorOptions(argv: readonly string[]): ReplicatorCliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        workers: { type: 'string' },
        'dry-run': { type: 'boolean' },
        demo: { type: 'boolean' },
        'leader-elect': { type: 'boolean' },
        'leader-elect-lease': { type: 'string' },
        identity: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new ReplicatorUsageError(
      `replicator: ${error instanceof Error ? error.message : String(error)}\n\n${replicatorUsage}`,
      { cause: error },
    );
  }
  const workersText = values.workers ?? '2';
  const workers = Number(workersText);
  if (!/^\d+$/.test(workersText) || workers < 1 || workers > 1000) {
    throw new ReplicatorUsageError(
      `replicator: --workers must be a whole number from 1 to 1000, not "${workersText}"`,
    );
  }
  const leaseText = values['leader-elect-lease'] ?? 'default/kube-cache-replicator';
  const [namespace, name, ...rest] = leaseText.split('/');
  if (
    namespace === undefined ||
    namespace === '' ||
    name === undefined ||
    name === '' ||
    rest.length > 0
  ) {
    throw new ReplicatorUsageError(
      `replicator: --leader-elect-lease must be NAMESPACE/NAME, not "${leaseText}"`,
    );
  }
  if (values.demo === true && values.kubeconfig !== undefined) {
    throw new ReplicatorUsageError('replicator: --demo runs its own API server; drop --kubeconfig');
  }
  return {
    kubeconfig: values.kubeconfig,
    context: values.context,
    workers,
    dryRun: values['dry-run'] === true,
    demo: values.demo === true,
    leaderElect: values['leader-elect'] === true,
    lease: { namespace, name },
    identity: values.identity,
    help: values.help === true,
  };
}
