import { parseArgs } from 'node:util';
import { DemoAppError } from './demo-app-error';

/**
 * What the demo was asked to do, parsed from the command line.
 */
export interface DemoOptions {
  /** How long the live phase runs after the initial sync, in seconds. */
  durationSeconds: number;
  /** Pods to seed the embedded server with. */
  pods: number;
  /** Namespaces the pods are spread over. */
  namespaces: number;
  /** Nodes the pods are scheduled on. */
  nodes: number;
  /** Machine-readable JSON lines instead of the live view. */
  json: boolean;
  /** A kubeconfig to run read-only against a real cluster; absent: the embedded server. */
  kubeconfig: string | undefined;
  /** Whether to inject faults (watch drops, compaction, restart) into the embedded server. */
  faults: boolean;
  /** Churn operations (create, move, delete) per second against the embedded server. */
  churnRate: number;
  /** Rows in the per-node and per-namespace tables. */
  top: number;
  /** Whether `--help` was asked for. */
  help: boolean;
}

/**
 * The usage text printed by `--help` and after a bad option.
 */
export const DEMO_USAGE = `Usage: pnpm demo [-- options]

Runs a SharedIndexInformer for pods against an embedded fake Kubernetes API server under churn
and injected faults, then checks that the cache matches the server.

Options:
  --duration SECONDS   live phase after the initial sync (default 30)
  --pods N             pods to seed (default 20000)
  --namespaces N       namespaces (default 50)
  --nodes N            nodes (default 500)
  --churn-rate N       creates/moves/deletes per second (default 100, 0 for none)
  --no-faults          do not inject watch drops, compaction or a server restart
  --top N              rows per table in the live view (default 8)
  --json               JSON lines instead of the live view (the default when not a terminal)
  --kubeconfig PATH    watch pods of a real cluster read-only instead (also KUBECONFIG)
  --embedded           use the embedded server even when KUBECONFIG is set
  -h, --help           this text
`;

/**
 * A command-line option the demo cannot use.
 */
export class DemoUsageError extends DemoAppError {
  override readonly name = 'DemoUsageError' as const;

  /**
   * Whether `error` is a `DemoUsageError`.
   *
   * @param error - anything caught.
   * @returns `true` for a `DemoUsageError`.
   */
  static override isInstance(error: unknown): error is DemoUsageError {
    return DemoAppError.hasName(error, 'DemoUsageError');
  }
}

/**
 * Parses the demo's command line.
 *
 * @param argv - the arguments after the script name (`process.argv.slice(2)`).
 * @param environment - the environment, for `KUBECONFIG` (a set `KUBECONFIG` selects the real
 *   cluster unless `--embedded` is given).
 * @returns the options with defaults filled in.
 * @throws {@link DemoUsageError} for an unknown option or a value that is not a positive number.
 * @example
 * ```ts
 * parseDemoOptions(['--pods', '2000', '--duration', '6', '--json']).pods; // 2000
 * ```
 */
export function parseDemoOptions(
  argv: readonly string[],
  environment: NodeJS.ProcessEnv = {},
): DemoOptions {
  // `pnpm demo -- --json` passes the `--` through; parseArgs would read everything after it as positionals.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let values;
  try {
    ({ values } = parseArgs({
      args,
      allowNegative: true,
      strict: true,
      options: {
        duration: { type: 'string', default: '30' },
        pods: { type: 'string', default: '20000' },
        namespaces: { type: 'string', default: '50' },
        nodes: { type: 'string', default: '500' },
        'churn-rate': { type: 'string', default: '100' },
        faults: { type: 'boolean', default: true },
        top: { type: 'string', default: '8' },
        json: { type: 'boolean', default: false },
        kubeconfig: { type: 'string' },
        embedded: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new DemoUsageError(error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
  if (values.embedded && values.kubeconfig !== undefined) {
    throw new DemoUsageError('--embedded and --kubeconfig exclude each other');
  }
  return {
    durationSeconds: parseNumber('--duration', values.duration, {
      allowZero: false,
      integer: false,
    }),
    pods: parseNumber('--pods', values.pods, { allowZero: true, integer: true }),
    namespaces: parseNumber('--namespaces', values.namespaces, { allowZero: false, integer: true }),
    nodes: parseNumber('--nodes', values.nodes, { allowZero: false, integer: true }),
    churnRate: parseNumber('--churn-rate', values['churn-rate'], {
      allowZero: true,
      integer: false,
    }),
    faults: values.faults,
    top: parseNumber('--top', values.top, { allowZero: false, integer: true }),
    json: values.json,
    kubeconfig: values.embedded
      ? undefined
      : (nonEmpty(values.kubeconfig) ?? nonEmpty(environment.KUBECONFIG)),
    help: values.help,
  };
}

function parseNumber(
  flag: string,
  text: string,
  rules: { allowZero: boolean; integer: boolean },
): number {
  const value = Number(text);
  const valid =
    text.trim() !== '' &&
    Number.isFinite(value) &&
    (rules.allowZero ? value >= 0 : value > 0) &&
    (!rules.integer || Number.isInteger(value));
  if (!valid) {
    const expected = rules.integer ? 'an integer' : 'a number';
    throw new DemoUsageError(
      `${flag} needs ${expected} ${rules.allowZero ? '>= 0' : '> 0'}, got '${text}'`,
    );
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
