// Runs every check the project gates on, in order, and ends with one line `N passed, N failed`.
// Used by the README's test command and by `.ci/run`. Steps: typecheck, lint, unit and
// integration tests (vitest), client-node 2.x on Node 24, the demo (the README's first command)
// in a short non-interactive run that must end with "cache matches server", the release gate
// (scripts/release-gate.mjs), then the e2e suite against a real kube-apiserver.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const outDir = '.ci/out';
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return result.status === 0;
}

/** A step that is not a vitest run counts as one test. */
function step(label, command, args) {
  if (run(label, command, args)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

/** A vitest run counts its own tests, read from its JSON report. */
function vitestStep(label, args, reportFile) {
  const ok = run(label, 'pnpm', [
    'exec',
    'vitest',
    'run',
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
  ]);
  if (!existsSync(reportFile)) {
    failed += 1;
    failures.push(`${label} (no report)`);
    return;
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // Suites that failed to load have no tests to count; count each as one failure.
  const brokenSuites = report.testResults.filter(
    (suite) => suite.status === 'failed' && suite.assertionResults.length === 0,
  ).length;
  failed += brokenSuites;
  if (!ok && report.numFailedTests === 0 && brokenSuites === 0) {
    failed += 1;
  }
  if (!ok) failures.push(label);
}

const skipE2e = process.argv.includes('--no-e2e');
step('typecheck', 'pnpm', ['typecheck']);
step('lint', 'pnpm', ['lint']);
step('format', 'pnpm', ['format:check']);
vitestStep('unit and integration tests', [], `${outDir}/unit.json`);
// @kubernetes/client-node 2.x under Node 22.19+: installs Node 24 into a cache directory where it
// can (linux x64), uses the running Node when it is new enough, else says why it skips.
step('client-node 2.x on Node 24 (pnpm test:node24)', 'node', ['scripts/node24.mjs']);
// The demo exits 0 only when its cache matches the server after churn and injected faults.
step('demo smoke run (pnpm demo, 8 s, --json)', 'pnpm', [
  '--filter',
  '@kube-cache-example/demo',
  'smoke',
]);
// Build, publint, attw, changeset status, pack, install the tarballs with npm outside the
// workspace, require() every package and run every README example there.
step('release gate (scripts/release-gate.mjs)', 'node', ['scripts/release-gate.mjs']);
if (!skipE2e && existsSync('vitest.e2e.config.ts')) {
  vitestStep(
    'e2e tests (real kube-apiserver)',
    ['--config', 'vitest.e2e.config.ts'],
    `${outDir}/e2e.json`,
  );
}
if (failures.length > 0) console.log(`\nfailed steps: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
