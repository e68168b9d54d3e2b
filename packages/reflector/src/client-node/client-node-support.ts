import { createRequire } from 'node:module';
import { UnsupportedClientNodeError } from '../errors/unsupported-client-node-error';

/** The oldest Node.js that `@kubernetes/client-node` 2.x runs on (its undici needs it). */
const CLIENT_NODE_2_MINIMUM_NODE: readonly [number, number] = [22, 19];

function majorMinor(version: string): [number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)/.exec(version.trim());
  if (match === null) return undefined;
  return [Number(match[1]), Number(match[2])];
}

/**
 * Says whether a `@kubernetes/client-node` version can work on a Node.js version, in one sentence
 * that names what to install. Unknown or unparsable versions are no problem (nothing to say).
 *
 * @param clientNodeVersion - the installed client-node version, e.g. `2.0.1`.
 * @param nodeVersion - the Node.js version, e.g. `20.20.0` or `v20.20.0`.
 * @returns the sentence, or `undefined` when the pair works.
 * @example
 * ```ts
 * clientNodeSupportProblem('2.0.1', '20.20.0');
 * // '@kubernetes/client-node 2.0.1 needs Node.js 22.19 or newer, and this is Node.js 20.20.0: ...'
 * ```
 * @since 0.2.0
 */
export function clientNodeSupportProblem(
  clientNodeVersion: string,
  nodeVersion: string,
): string | undefined {
  const clientNode = majorMinor(clientNodeVersion);
  const node = majorMinor(nodeVersion);
  if (clientNode === undefined || node === undefined || clientNode[0] < 2) return undefined;
  const [minimumMajor, minimumMinor] = CLIENT_NODE_2_MINIMUM_NODE;
  if (node[0] > minimumMajor || (node[0] === minimumMajor && node[1] >= minimumMinor))
    return undefined;
  return (
    `@kubernetes/client-node ${clientNodeVersion} needs Node.js ${minimumMajor}.${minimumMinor} ` +
    `or newer, and this is Node.js ${nodeVersion.replace(/^v/, '')}: ` +
    `install @kubernetes/client-node@1 (npm install @kubernetes/client-node@1), ` +
    `or run Node.js ${minimumMajor}.${minimumMinor}+.`
  );
}

/**
 * The version of the `@kubernetes/client-node` that this package resolves (its peer dependency),
 * or `undefined` when none is installed or its package.json cannot be read.
 */
function installedClientNodeVersion(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const manifest: unknown = require('@kubernetes/client-node/package.json');
    if (typeof manifest === 'object' && manifest !== null && 'version' in manifest) {
      return typeof manifest.version === 'string' ? manifest.version : undefined;
    }
  } catch {
    // Not installed (or not resolvable from here): nothing to check.
  }
  return undefined;
}

/**
 * Throws when the installed `@kubernetes/client-node` cannot work on this Node.js. Runs once when
 * `@kube-cache/reflector` is imported (and so `@kube-cache/informer`); a missing client-node is
 * no error.
 *
 * @param versions - injectable for tests: how to read the client-node version, the Node.js version.
 * @throws {@link UnsupportedClientNodeError} with the sentence from
 *   {@link clientNodeSupportProblem}.
 * @example
 * ```ts
 * assertClientNodeSupported({ clientNode: () => '2.0.1', node: '20.20.0' }); // throws
 * ```
 */
export function assertClientNodeSupported(
  versions: { clientNode?: () => string | undefined; node?: string } = {},
): void {
  const clientNodeVersion = (versions.clientNode ?? installedClientNodeVersion)();
  const nodeVersion = versions.node ?? process.versions.node;
  if (clientNodeVersion === undefined) return;
  const problem = clientNodeSupportProblem(clientNodeVersion, nodeVersion);
  if (problem !== undefined)
    throw new UnsupportedClientNodeError(problem, { clientNodeVersion, nodeVersion });
}

// At import: client-node 2 on Node 20 fails inside its own import with a TypeError that names
// neither the version nor the fix. When kube-cache is imported first, this says it plainly.
assertClientNodeSupported();
