// kube-index's entry point: run with tsx (no build), e.g. `pnpm --filter @kube-cache-example/kube-index start pods --index-by spec.nodeName`.
import { runKubeIndex } from './run-kube-index';

const stop = new AbortController();
process.on('SIGINT', () => stop.abort());
process.on('SIGTERM', () => stop.abort());

process.exitCode = await runKubeIndex(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  environment: process.env,
  signal: stop.signal,
});
