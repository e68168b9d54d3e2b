#!/usr/bin/env node
// Runs the replicator from its TypeScript source with tsx, resolving the workspace packages to their
// source too (the `@kube-cache/source` export condition), so no build step is needed.
import { spawn } from 'node:child_process';

const child = spawn(
  process.execPath,
  [
    '--conditions=@kube-cache/source',
    '--import',
    import.meta.resolve('tsx'),
    new URL('../src/main.ts', import.meta.url).pathname,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
// Ctrl-C reaches the child directly (same process group); SIGTERM is passed on.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 128)));
