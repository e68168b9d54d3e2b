// The release gate: proves that what `pnpm release` would publish installs and works for a user
// who is not in this workspace. Steps, each fatal:
//   1. build every published package, then publint + attw (`pnpm check:packages`);
//   2. `changeset status` (the changesets parse and name real packages);
//   3. pack every published package with pnpm (which rewrites `workspace:^` to versions);
//   4. install the tarballs with npm into a fresh project outside the workspace, with
//      `@kubernetes/client-node@1` (the line that runs on Node 20);
//   5. `require()` every package from CommonJS, and type-check a CommonJS TypeScript file;
//   6. run every TypeScript example of the root README and the package READMEs there, against a
//      FakeApiServer (from the installed tarball) through KUBECONFIG. Each must exit 0 within its
//      time limit and print every value its README shows in a `console.log(...); // value`
//      comment.
// Usage: node scripts/release-gate.mjs [--keep]   (--keep leaves the temp project for a look)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extractExamples } from './readme-examples.mjs';

const root = resolve(import.meta.dirname, '..');
const keep = process.argv.includes('--keep');

function run(command, args, options = {}) {
  console.log(`\n--- ${command} ${args.join(' ')}${options.cwd ? `   (in ${options.cwd})` : ''}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  }
}

const published = readdirSync(join(root, 'packages'))
  .map((name) => ({ name, dir: join(root, 'packages', name) }))
  .map((entry) => ({
    ...entry,
    manifest: JSON.parse(readFileSync(join(entry.dir, 'package.json'), 'utf8')),
  }))
  .filter((entry) => entry.manifest.private !== true);

const work = mkdtempSync(join(tmpdir(), 'kube-cache-release-gate-'));
try {
  run('pnpm', ['build']);
  run('pnpm', ['check:packages']);
  run('pnpm', ['exec', 'changeset', 'status']);

  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  for (const entry of published) {
    // pnpm pack lists every file; only failures matter here.
    run('pnpm', ['pack', '--pack-destination', tarballs], {
      cwd: entry.dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const packed = readdirSync(tarballs).map((file) => join(tarballs, file));
  for (const file of packed) {
    const listing = spawnSync('tar', ['-xzOf', file, 'package/package.json'], { encoding: 'utf8' });
    if (listing.stdout.includes('workspace:')) {
      throw new Error(`${file} still has a workspace: dependency`);
    }
  }

  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'release-gate-user', private: true, version: '1.0.0' }, null, 2),
  );
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...packed,
      '@kubernetes/client-node@^1.4.0',
      'prom-client@^15',
      'tsx@^4',
      'typescript@5.9.3',
      '@types/node@^20',
    ],
    { cwd: project },
  );

  // CommonJS: plain require, and TypeScript compiled as CommonJS (node16 resolution).
  const names = published.map((entry) => entry.manifest.name);
  writeFileSync(
    join(project, 'require-all.cjs'),
    names
      .map(
        (name) =>
          `{ const m = require(${JSON.stringify(name)}); if (Object.keys(m).length === 0) throw new Error('${name}: no exports'); console.log('require ok: ${name}', Object.keys(m).length, 'exports'); }`,
      )
      .join('\n') + '\n',
  );
  run('node', ['require-all.cjs'], { cwd: project });
  writeFileSync(
    join(project, 'typed.cts'),
    `import { Cache, metaNamespaceKeyFunc } from '@kube-cache/indexer';\n` +
      `import { ThreadSafeStore } from '@kube-cache/store-core';\n` +
      `const cache = new Cache<{ metadata: { name: string; namespace: string } }>(metaNamespaceKeyFunc);\n` +
      `cache.add({ metadata: { name: 'a', namespace: 'b' } });\n` +
      `const store = new ThreadSafeStore<number>();\n` +
      `store.add('k', 1);\n` +
      `export const keys: string[] = cache.listKeys();\n`,
  );
  run(
    'npx',
    [
      'tsc',
      '--noEmit',
      '--strict',
      '--module',
      'node16',
      '--moduleResolution',
      'node16',
      '--types',
      'node',
      'typed.cts',
    ],
    { cwd: project },
  );

  // A FakeApiServer from the installed @kube-cache/testing, for the examples that need a cluster.
  const kubeconfig = join(project, 'kubeconfig');
  writeFileSync(
    join(project, 'serve.mts'),
    `import { FakeApiServer, generatePods } from '@kube-cache/testing';\n` +
      `const server = await FakeApiServer.start();\n` +
      `await server.seed(generatePods({ count: 200, namespaces: 3, nodes: 4 }));\n` +
      `await server.writeKubeconfig(${JSON.stringify(kubeconfig)});\n` +
      `console.log('ready');\n` +
      `process.on('SIGTERM', () => { void server.close().then(() => process.exit(0)); });\n`,
  );
  // `node --import tsx` in the project, not `npx tsx`: npx would stand between this script and
  // the server, and a signal to npx does not reach the server (it kept the gate from exiting).
  const server = spawn(process.execPath, ['--import', 'tsx', 'serve.mts'], {
    cwd: project,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const serverExited = new Promise((resolveExit) => server.once('exit', resolveExit));
  await new Promise((resolveReady, reject) => {
    let output = '';
    server.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('ready')) resolveReady();
    });
    server.once('exit', (code) => reject(new Error(`the fake API server exited with ${code}`)));
  });

  const failures = [];
  try {
    const readmes = [
      'README.md',
      ...published.map((entry) => join('packages', entry.name, 'README.md')),
    ];
    let count = 0;
    for (const readme of readmes) {
      for (const example of extractExamples(readFileSync(join(root, readme), 'utf8'))) {
        count += 1;
        const file = join(project, `example-${count}.mts`);
        writeFileSync(file, example.code);
        const label = `${readme}:${example.line}`;
        const result = spawnSync(process.execPath, ['--import', 'tsx', file], {
          cwd: project,
          encoding: 'utf8',
          timeout: 60_000,
          env: { ...process.env, KUBECONFIG: kubeconfig, NODE_NO_WARNINGS: '1' },
        });
        const missing = example.expected.filter((value) => !result.stdout.includes(value));
        if (result.status !== 0 || missing.length > 0) {
          failures.push(label);
          console.log(`\nFAIL example ${label}: exit ${result.status ?? result.signal}`);
          if (missing.length > 0) console.log(`  did not print: ${missing.join(' | ')}`);
          console.log(result.stdout.slice(-2000));
          console.log(result.stderr.slice(-2000));
        } else {
          console.log(`example ok: ${label} (${example.expected.length} values checked)`);
        }
      }
    }
    if (count === 0) failures.push('no README examples found');
  } finally {
    server.kill('SIGTERM');
    const stopped = await Promise.race([
      serverExited.then(() => true),
      new Promise((resolveLater) => setTimeout(() => resolveLater(false), 10_000).unref()),
    ]);
    if (!stopped) server.kill('SIGKILL');
    server.stdout.destroy();
  }
  if (failures.length > 0) throw new Error(`README examples failed: ${failures.join(', ')}`);
  console.log('\nrelease gate passed');
} catch (error) {
  console.error(`\nrelease gate FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
// Nothing the gate started may keep it running: its verdict is in, so leave now.
process.exit(process.exitCode ?? 0);
