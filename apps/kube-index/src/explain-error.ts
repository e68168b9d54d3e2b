import { ApiStatusError } from '@kube-cache/indexer';
import { KubeIndexError } from './kube-index-error';

/**
 * What kube-index was doing when an error happened, for the explanation.
 */
export interface ErrorContext {
  /** The API server URL. */
  server: string;
  /** The kubeconfig context in use. */
  contextName: string | undefined;
  /** The resource being read, once known: plural and API group (`''` for core). */
  resource?: { plural: string; group: string } | undefined;
  /** The namespace, if the read was limited to one. */
  namespace?: string | undefined;
  /** The verb being attempted, for a 403 whose Status does not say. */
  verb?: 'list' | 'watch' | 'get' | undefined;
}

const NETWORK_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate is not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate is not trusted',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
};

// `pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "x"`
const FORBIDDEN_PATTERN =
  /cannot (\w+) resource "([^"]+)" in API group "([^"]*)"(?: in the namespace "([^"]+)"| at the cluster scope)?/;

/**
 * Turns any error into a {@link KubeIndexError} whose message tells the user what is wrong and
 * what to do: the cluster cannot be reached, the credentials were rejected, a permission is
 * missing (naming the RBAC verb and resource from the server's Status), or what the server said.
 *
 * @param error - the error caught.
 * @param context - where and what kube-index was reading.
 * @returns the explained error (the original as `cause`); a `KubeIndexError` is returned as is.
 * @example
 * ```ts
 * catch (error) { const explained = explainError(error, { server, contextName }); console.error(explained.message); }
 * ```
 */
export function explainError(error: unknown, context: ErrorContext): KubeIndexError {
  if (KubeIndexError.isInstance(error)) return error;
  const where = `${context.server}${context.contextName === undefined ? '' : ` (context "${context.contextName}")`}`;
  const networkCode = findNetworkCode(error);
  if (networkCode !== undefined) {
    return new KubeIndexError(
      `kube-index: cannot reach the API server at ${where}: ${NETWORK_ERRORS[networkCode]} (${networkCode}).\nIs the cluster running, and is this the kubeconfig and context you meant? (kubectl config current-context)`,
      { cause: error },
    );
  }
  if (ApiStatusError.isInstance(error)) {
    if (error.code === 401) {
      return new KubeIndexError(
        `kube-index: the API server at ${where} rejected the credentials (401 Unauthorized): log in again or check the user of the context in your kubeconfig`,
        { cause: error },
      );
    }
    if (error.code === 403) return explainForbidden(error, context);
    const reason = error.reason === undefined ? '' : ` ${error.reason}`;
    return new KubeIndexError(
      `kube-index: the API server at ${where} answered ${error.code}${reason}: ${error.message}`,
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('HTTP protocol is not allowed')) {
    // @kubernetes/client-node's rule, not the server's: plain http needs TLS verification off.
    return new KubeIndexError(
      `kube-index: the kubeconfig's server ${context.server} uses plain http, which @kubernetes/client-node only allows with \`insecure-skip-tls-verify: true\` in the cluster entry`,
      { cause: error },
    );
  }
  return new KubeIndexError(`kube-index: ${message}`, { cause: error });
}

function explainForbidden(error: ApiStatusError, context: ErrorContext): KubeIndexError {
  const match = FORBIDDEN_PATTERN.exec(error.status?.message ?? error.message);
  const verb = match?.[1] ?? context.verb ?? 'list';
  const plural =
    match?.[2] ?? context.resource?.plural ?? error.status?.details?.kind ?? 'the resource';
  const group = match?.[3] ?? context.resource?.group ?? error.status?.details?.group ?? '';
  const namespace = match === null ? context.namespace : match[4];
  const scope =
    namespace === undefined ? 'at the cluster scope' : `in the namespace "${namespace}"`;
  const resourceArgument = group === '' ? plural : `${plural}.${group}`;
  const namespaceArgument =
    namespace === undefined ? '--all-namespaces' : `--namespace ${namespace}`;
  return new KubeIndexError(
    [
      `kube-index: permission denied (403 Forbidden): missing RBAC permission to ${verb} ${plural} in API group "${group}" ${scope}.`,
      `The server said: ${error.status?.message ?? error.message}`,
      `kube-index needs the verbs list and watch on ${resourceArgument}; check with: kubectl auth can-i ${verb} ${resourceArgument} ${namespaceArgument}`,
    ].join('\n'),
    { cause: error },
  );
}

function findNetworkCode(error: unknown): string | undefined {
  // Network errors may arrive wrapped (an AggregateError, a `cause` chain).
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code in NETWORK_ERRORS) return code;
    queue.push((current as { cause?: unknown }).cause);
    if (current instanceof AggregateError) queue.push(...(current.errors as unknown[]));
  }
  return undefined;
}
