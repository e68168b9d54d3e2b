// The public surface of @kube-cache/e2e-harness (private): an explicit list of named exports.
export { startKubeCluster } from './kube-cluster';
export type { KubeCluster, KubeClusterOptions } from './kube-cluster';
export { resolveKubeBinaries } from './resolve-binaries';
export { ensureBinariesScript, runEnsureBinariesScript } from './ensure-binaries-script';
export type { BinaryPaths } from './ensure-binaries-script';
export type { KubeBinaries } from './resolve-binaries';
export { apiRequest } from './api-request';
export type { ApiEndpoint, ApiResponse } from './api-request';
export { waitUntil } from './wait-until';
export type { WaitUntilOptions } from './wait-until';
export { buildKubeconfig } from './kubeconfig';
export type { KubeconfigOptions } from './kubeconfig';
export { kubeApiserverArgs, parseKubernetesVersion } from './kube-apiserver-args';
export type { KubeApiserverArgsOptions, KubernetesVersion } from './kube-apiserver-args';
export { E2eHarnessError } from './e2e-harness-error';
