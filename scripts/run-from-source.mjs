// The apps' bin wrappers: run an app's TypeScript entry point with tsx in a child Node process,
// resolving the workspace packages to their source too (the `@kube-cache/source` export
// condition), so no build step is needed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs `entry` with the command line of this process and exits with the child's status.
 *
 * @param {URL} entry - the app's `src/main.ts`.
 * @param {string} tsx - the tsx loader, resolved by the bin (`import.meta.resolve('tsx')`), so
 *   that each app runs the tsx it depends on.
 */
export function runFromSource(entry, tsx) {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@kube-cache/source',
      '--import',
      tsx,
      fileURLToPath(entry),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  // Ctrl-C reaches the child directly (same process group); SIGTERM is passed on.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 128)));
}
