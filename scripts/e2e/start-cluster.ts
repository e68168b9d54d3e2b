// Starts etcd + kube-apiserver (the e2e harness's cluster) for manual use, prints how to reach it,
// and keeps it running until Ctrl-C (or SIGTERM), then removes everything it made.
//
//   node --conditions=@kube-cache/source --import tsx scripts/e2e/start-cluster.ts
//   (or: bash scripts/e2e/start-cluster.sh)
import { startKubeCluster } from '../../packages/e2e-harness/src/index';

const cluster = await startKubeCluster({
  keepDirectory: process.env['KUBE_CACHE_E2E_KEEP'] === '1',
});
process.stdout.write(
  [
    `kube-apiserver ${cluster.server} (v${cluster.binaries.version.major}.${cluster.binaries.version.minor}.${cluster.binaries.version.patch})`,
    `export KUBECONFIG=${cluster.kubeconfigPath}`,
    `token: ${cluster.token}`,
    `logs: ${cluster.directory}`,
    'Ctrl-C stops both servers and removes the temp dir.',
    '',
  ].join('\n'),
);
let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void cluster.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// Stay alive until a signal arrives.
setInterval(() => undefined, 1 << 30);
