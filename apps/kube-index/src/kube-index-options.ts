import { parseArgs } from 'node:util';
import { KubeIndexError } from './kube-index-error';

/**
 * The parsed command line of kube-index.
 */
export interface KubeIndexOptions {
  /** What to index, as typed: `pods`, `deploy`, `deployments.apps`, `apps/v1/deployments`. */
  resource: string;
  /** The index expression: a field path, `metadata.labels.KEY`, `label:KEY` or `annotation:KEY`. */
  indexBy: string;
  /** Only this namespace; absent: all namespaces. */
  namespace: string | undefined;
  /** A label selector sent to the server. */
  selector: string | undefined;
  /** Keep running and print the index again when it changes. */
  watch: boolean;
  output: 'table' | 'json';
  /** The kubeconfig file; absent: KUBECONFIG or ~/.kube/config. */
  kubeconfig: string | undefined;
  /** The kubeconfig context to use; absent: its current context. */
  context: string | undefined;
  /** Keys listed per value in the table. */
  maxKeys: number;
}

/**
 * The usage text, printed by `--help`.
 */
export const KUBE_INDEX_USAGE = `Usage: kube-index RESOURCE --index-by EXPR [options]

Syncs RESOURCE through a kube-cache informer and prints an index of it: each value of EXPR, how
many objects have it, and their keys.

RESOURCE   pods, po, configmaps, deployments.apps, apps/v1/deployments, ... (as kubectl get)
EXPR       a field path in kubectl's JSONPath forms: {.spec.nodeName}, spec.nodeName,
           {.spec.containers[*].image} (each element of a list), {.metadata.labels.app};
           or label:KEY, annotation:KEY (KEY may contain dots and slashes)

Options:
  -n, --namespace NS     only this namespace (default: all namespaces)
  -l, --selector SEL     label selector, e.g. app=web,tier!=cache
  -w, --watch            keep the index up to date until Ctrl-C
  -o, --output FORMAT    table (default) or json
      --max-keys N       keys shown per value in the table (default 5)
      --kubeconfig PATH  kubeconfig file (default: KUBECONFIG, then ~/.kube/config)
      --context NAME     kubeconfig context (default: the current one)
  -h, --help             this text
`;

/**
 * Parses kube-index's command line.
 *
 * @param argv - the arguments after the script name.
 * @returns the options, or `'help'` when help was asked for.
 * @throws {@link KubeIndexError} (exit code 2) for a missing resource or expression, an unknown
 *   option or a bad value.
 * @example
 * ```ts
 * parseKubeIndexOptions(['pods', '--index-by', 'spec.nodeName']);
 * ```
 */
export function parseKubeIndexOptions(argv: readonly string[]): KubeIndexOptions | 'help' {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        'index-by': { type: 'string' },
        namespace: { type: 'string', short: 'n' },
        selector: { type: 'string', short: 'l' },
        watch: { type: 'boolean', short: 'w', default: false },
        output: { type: 'string', short: 'o', default: 'table' },
        'max-keys': { type: 'string', default: '5' },
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // node:util's messages go on with advice about '--'; the first sentence is the point.
    const message = error instanceof Error ? error.message : String(error);
    throw usageError(message.split(/\.\s/)[0] ?? message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1 || positionals[0] === undefined || positionals[0] === '') {
    throw usageError(
      positionals.length === 0
        ? 'name a RESOURCE to index, for example pods'
        : `one RESOURCE only, got ${positionals.join(' ')}`,
    );
  }
  const indexBy = values['index-by'];
  if (indexBy === undefined || indexBy.trim() === '')
    throw usageError('--index-by EXPR is required, for example --index-by spec.nodeName');
  const output = values.output;
  if (output !== 'table' && output !== 'json')
    throw usageError(`--output is table or json, got '${output}'`);
  const maxKeys = Number(values['max-keys']);
  if (!Number.isInteger(maxKeys) || maxKeys < 0)
    throw usageError(`--max-keys needs an integer >= 0, got '${values['max-keys']}'`);
  return {
    resource: positionals[0],
    indexBy: indexBy.trim(),
    namespace: values.namespace,
    selector: values.selector,
    watch: values.watch,
    output,
    kubeconfig: values.kubeconfig,
    context: values.context,
    maxKeys,
  };
}

function usageError(message: string): KubeIndexError {
  // One line: the usage is one `--help` away, and 22 lines would bury the message.
  return new KubeIndexError(`kube-index: ${message} (see kube-index --help)`, { exitCode: 2 });
}
